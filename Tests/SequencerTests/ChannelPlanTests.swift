import MIDITask
import Testing
@testable import Sequencer

func instrument(_ name: String, notes: Int = 1) -> Instrument {
    Instrument(name: name, notes: (0..<notes).map { Note(pitch: 60, start: Int64($0) * 1_000_000_000, end: Int64($0) * 1_000_000_000 + 500_000_000, velocity: 0.5) })
}

@Suite struct ChannelPlanTests {
    @Test func instrumentsWithTheSameProgramShareAChannel() {
        let plan = ChannelPlan(instruments: [instrument("Overdriven Guitar"), instrument("Choir Aahs"), instrument("overdriven guitar")])
        #expect(plan.assignments.map(\.channel.number) == [1, 2, 1])
        #expect(plan.channels.count == 2)
        #expect(plan.warnings.isEmpty)
    }

    @Test func drumsGoToChannelTenAndMelodicChannelsSkipIt() {
        let names = ["Drums"] + GeneralMIDI.programNames.prefix(12)
        let plan = ChannelPlan(instruments: names.map { instrument($0) })
        #expect(plan.assignments[0].channel == .drums)
        #expect(plan.assignments[0].isDrum)
        #expect(plan.assignments.dropFirst().map(\.channel.number) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13])
    }

    @Test func moreThanFifteenProgramsFoldOntoTheNearestOfTheSameFamilyWithAWarning() {
        // 16 programs; the one with fewest notes (Electric Guitar (muted), 28) folds.
        var instruments = (0..<15).map { instrument(GeneralMIDI.programNames[$0 * 8], notes: 5) }
        instruments[3] = instrument("Acoustic Guitar (nylon)", notes: 5)      // program 24, family 3
        instruments.append(instrument("Electric Guitar (muted)", notes: 1))   // program 28, family 3
        let plan = ChannelPlan(instruments: instruments)
        let folded = plan.assignments[15]
        #expect(folded.choice == .melodic(28))
        #expect(folded.program == 24)
        #expect(folded.channel == plan.assignments[3].channel)
        #expect(Set(plan.assignments.map(\.channel)).count == 15)
        #expect(plan.warnings == ["MIDI has 15 melodic channels but the task needs 16 programs: Electric Guitar (muted) (program 28) plays on channel 4 as Acoustic Guitar (nylon) (program 24)"])
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
