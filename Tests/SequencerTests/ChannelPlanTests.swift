// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import MIDITask
import Testing
@testable import Sequencer

func instrument(_ name: String, notes: Int = 1) -> Instrument {
    Instrument(name: name, notes: (0..<notes).map { Note(pitch: 60, start: Int64($0) * 1_000_000_000, end: Int64($0) * 1_000_000_000 + 500_000_000, velocity: 0.5) })
}

/// Fifteen programs of fifteen different GM families (the first of families 0–14).
let fifteenFamilies = (0..<15).map { GeneralMIDI.programNames[$0 * 8] }

@Suite struct ChannelPlanTests {
    @Test func instrumentsWithTheSameProgramGetChannelsOfTheirOwn() {
        let plan = ChannelPlan(instruments: [instrument("Overdriven Guitar"), instrument("Choir Aahs"), instrument("overdriven guitar")])
        #expect(plan.assignments.map(\.channel.number) == [1, 2, 3])
        #expect(plan.assignments.map(\.program) == [29, 52, 29])
        #expect(plan.channels.map(\.channel.number) == [1, 2, 3])
        #expect(plan.warnings.isEmpty)
    }

    @Test func drumsGoToChannelTenAndMelodicChannelsSkipIt() {
        let names = ["Drums"] + GeneralMIDI.programNames.prefix(12)
        let plan = ChannelPlan(instruments: names.map { instrument($0) })
        #expect(plan.assignments[0].channel == .drums)
        #expect(plan.assignments[0].isDrum)
        #expect(plan.assignments.dropFirst().map(\.channel.number) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13])
    }

    @Test func severalDrumInstrumentsShareChannelTenWithoutAWarning() {
        let plan = ChannelPlan(instruments: [instrument("Kick"), instrument("Flute"), instrument("Percussion")])
        #expect(plan.assignments.map(\.channel.number) == [10, 1, 10])
        #expect(plan.channels.map(\.channel.number) == [1, 10])
        #expect(plan.warnings.isEmpty)
    }

    @Test func fifteenMelodicInstrumentsOfOneProgramAndDrumsUseSixteenChannels() {
        let instruments = [instrument("Drums")] + (0..<15).map { _ in instrument("Overdriven Guitar") } + [instrument("Drums")]
        let plan = ChannelPlan(instruments: instruments)
        #expect(Set(plan.assignments.dropFirst().dropLast().map(\.channel)) == Set(MIDIChannel.melodic))
        #expect(plan.assignments.first?.channel == .drums && plan.assignments.last?.channel == .drums)
        #expect(plan.channels.count == 16)
        #expect(plan.warnings.isEmpty)
    }

    /// Twenty melodic instruments, five too many: the same-program ones
    /// join, always the two smallest of one program whose sum is least.
    @Test func beyondFifteenSameProgramInstrumentsShareFewestNotesFirst() {
        // #1–#6 guitars, #7–#10 choirs, #11–#20 ten programs of other families.
        let guitars = [50, 40, 3, 30, 2, 20].map { instrument("Overdriven Guitar", notes: $0) }
        let choirs = [10, 1, 5, 7].map { instrument("Choir Aahs", notes: $0) }
        let others = [0, 2, 4, 5, 7, 8, 9, 10, 11, 12].map { instrument(GeneralMIDI.programNames[$0 * 8], notes: 9) }
        let plan = ChannelPlan(instruments: guitars + choirs + others)
        // Joins: guitars 3+2; choirs 1+5, then 6+7, then 13+10; guitars 5+20.
        let channel = plan.assignments.map(\.channel.number)
        #expect(channel[2] == channel[4] && channel[4] == channel[5])
        #expect(Set(channel[6...9]).count == 1)
        #expect(Set(channel).count == 15)
        #expect(plan.assignments.map(\.program) == [29, 29, 29, 29, 29, 29, 52, 52, 52, 52] + [0, 2, 4, 5, 7, 8, 9, 10, 11, 12].map { UInt8($0 * 8) })
        #expect(plan.warnings == [
            #"20 melodic instruments for 15 channels: "Overdriven Guitar" (#3), "Overdriven Guitar" (#5) and "Overdriven Guitar" (#6) share channel 3, playing Overdriven Guitar (program 29)"#,
            #"20 melodic instruments for 15 channels: "Choir Aahs" (#7), "Choir Aahs" (#8), "Choir Aahs" (#9) and "Choir Aahs" (#10) share channel 5, playing Choir Aahs (program 52)"#,
        ])
    }

    @Test func beyondFifteenProgramsShareWithinTheFamilyFirstPlayingTheBiggerOnesProgram() {
        // 16 programs; only 24 and 28 are of one family (guitars).
        var instruments = fifteenFamilies.map { instrument($0, notes: 5) }
        instruments[3] = instrument("Acoustic Guitar (nylon)", notes: 5)      // program 24
        instruments.append(instrument("Electric Guitar (muted)", notes: 1))   // program 28
        let plan = ChannelPlan(instruments: instruments)
        #expect(plan.assignments[15].choice == .melodic(28))
        #expect(plan.assignments[15].program == 24)
        #expect(plan.assignments[15].channel == plan.assignments[3].channel)
        #expect(Set(plan.assignments.map(\.channel)).count == 15)
        #expect(plan.warnings == [#"16 melodic instruments for 15 channels: "Acoustic Guitar (nylon)" (#4) and "Electric Guitar (muted)" (#16) share channel 4, playing Acoustic Guitar (nylon) (program 24); "Electric Guitar (muted)" (#16) would be Electric Guitar (muted) (program 28)"#])
    }

    @Test func withoutAFamilyMateTheSmallestJoinsTheNearestProgram() {
        // Families 0–14 and Seashore (122, family 15, 2 notes): no pair shares a family, so
        // the pair whose smaller member has fewest notes, Seashore's, with its nearest program.
        let instruments = fifteenFamilies.map { instrument($0, notes: 5) } + [instrument("Seashore", notes: 2)]
        let plan = ChannelPlan(instruments: instruments)
        #expect(plan.assignments[15].channel == plan.assignments[14].channel)
        #expect(plan.assignments[15].program == 112)
        #expect(plan.warnings == [#"16 melodic instruments for 15 channels: "Tinkle Bell" (#15) and "Seashore" (#16) share channel 16, playing Tinkle Bell (program 112); "Seashore" (#16) would be Seashore (program 122)"#])
    }

    @Test func guessesAndFallbacksAreNamedInWarningsOncePerName() {
        let plan = ChannelPlan(instruments: [instrument("Vocals"), instrument("Vocals"), instrument("Thing")])
        #expect(plan.warnings == [
            "\"Vocals\" is not a General MIDI name: playing it as Voice Oohs (program 53)",
            "\"Thing\" is not a General MIDI name and was not recognised: playing it as Acoustic Grand Piano (program 0); use --program \"Thing=N\" to choose",
        ])
    }

    @Test func overridesWinOverTheNameMapping() {
        let plan = ChannelPlan(instruments: [instrument("Vocals"), instrument("Beat")],
                               overrides: ["vocals": .melodic(73), "Beat": .drums])
        #expect(plan.assignments[0].program == 73)
        #expect(plan.assignments[0].source == .override)
        #expect(plan.assignments[1].isDrum)
        #expect(plan.warnings.isEmpty)
    }
}

@Suite struct ChannelRequestPlanTests {
    let band = [instrument("Drums"), instrument("Electric Bass (finger)"), instrument("Flute"), instrument("Overdriven Guitar"), instrument("overdriven guitar")]

    func plan(_ requests: String...) throws -> ChannelPlan {
        try ChannelPlan(instruments: band, requests: requests.map { try ChannelRequest(parsing: $0) })
    }

    func failure(_ requests: String...) -> ChannelRequestError? {
        do {
            _ = try ChannelPlan(instruments: band, requests: requests.map { try ChannelRequest(parsing: $0) })
            return nil
        } catch { return error as? ChannelRequestError }
    }

    @Test func chosenChannelsAreKeptAndAutomaticOnesSkipThem() throws {
        let p = try plan("flute=1", "2=5")
        #expect(p.assignments.map(\.channel.number) == [10, 5, 1, 2, 3])
        #expect(p.warnings.isEmpty)
    }

    @Test func aNameMovesEveryInstrumentOfThatName() throws {
        let p = try plan("Overdriven-Guitar=16")
        #expect(p.assignments.map(\.channel.number) == [10, 1, 2, 16, 16])
        #expect(p.channels.map(\.channel.number) == [1, 2, 10, 16])
    }

    @Test func theSameRequestTwiceIsHarmless() throws {
        #expect(try plan("Flute=4", "3=4").assignments[2].channel.number == 4)
    }

    @Test func oneInstrumentOnTwoChannelsIsAnError() {
        #expect(failure("Overdriven Guitar=4", "5=6") == ChannelRequestError(request: "5=6",
            reason: #""overdriven guitar" (#5) is already put on channel 4 by "Overdriven Guitar=4""#))
    }

    @Test func twoProgramsOnOneChannelIsAnErrorNamingBoth() {
        #expect(failure("Flute=3", "2=3") == ChannelRequestError(request: "2=3",
            reason: #""Electric Bass (finger)" (#2) plays Electric Bass (finger) (program 33) but "Flute" (#3) on channel 3 plays Flute (program 73), and a channel plays one program at a time: give them different channels, or one program with --program"#))
    }

    @Test func anUnknownNameOrIndexIsAnError() {
        #expect(failure("Kazoo=2") == ChannelRequestError(request: "Kazoo=2",
            reason: #"the task has no instrument named "Kazoo" (it has "Drums", "Electric Bass (finger)", "Flute", "Overdriven Guitar", "overdriven guitar")"#))
        #expect(failure("6=2") == ChannelRequestError(request: "6=2", reason: "the task has no instrument 6 (they are numbered 1–5, as info shows)"))
        #expect(failure("0=2")?.reason == "the task has no instrument 0 (they are numbered 1–5, as info shows)")
    }

    @Test func aMelodicInstrumentOnChannelTenIsKeptWithAWarningOnceTheDrumsMove() throws {
        #expect(failure("Flute=10") == ChannelRequestError(request: "Flute=10",
            reason: #"channel 10 is where the drums "Drums" (#1) play: put them on another channel too, e.g. "1=N""#))
        let p = try plan("Flute=10", "Drums=9")
        #expect(p.assignments.map(\.channel.number) == [9, 1, 10, 2, 3])
        #expect(p.channels.first { $0.channel.number == 9 }?.isDrum == true)
        #expect(p.channels.first { $0.channel.number == 10 } == .init(channel: .drums, program: 73, isDrum: false))
        #expect(p.warnings == [
            #"the drums "Drums" (#1) are on channel 9 as asked ("Drums=9"): General MIDI synths play drums only on channel 10, so only a synth set to play drums on channel 9 plays them as drums"#,
            #""Flute" (#3) is on channel 10 as asked ("Flute=10"): General MIDI synths, FluidSynth included, play channel 10 as drums, not as Flute (program 73)"#,
        ])
    }

    @Test func choosingEveryMelodicChannelLeavesNoneForTheRest() {
        let instruments = fifteenFamilies.map { instrument($0) } + [instrument("Flute")]
        let requests = (1...15).map { ChannelRequest(target: .index($0), channel: MIDIChannel.melodic[$0 - 1], text: "\($0)=\(MIDIChannel.melodic[$0 - 1])") }
        #expect(throws: ChannelRequestError(request: nil, reason: #"the chosen channels leave no melodic channel for "Flute" (#16): choose theirs too"#)) {
            try ChannelPlan(instruments: instruments, requests: requests)
        }
    }
}
