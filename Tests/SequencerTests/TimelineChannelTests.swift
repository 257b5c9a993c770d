// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import MIDITask
import Testing
@testable import Sequencer

/// How the timeline plays the channel plan: every note of instruments that
/// have channels of their own, and a count of what sharing merges.
@Suite struct TimelineChannelTests {
    /// Three "Overdriven Guitar" and two "Choir Aahs" striking the same keys
    /// together, a bass and drums.
    static let band = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/unison-band.callback.json").path

    func noteOnsPerTrack(_ t: Timeline) -> [Int] {
        var counts = [Int](repeating: 0, count: t.plan.assignments.count)
        for e in t.events where e.message.kind == .noteOn { counts[Int(e.track)] += 1 }
        return counts
    }

    @Test func everyNoteOfSameProgramInstrumentsStrikingTogetherIsInTheTimeline() throws {
        let task = try TaskDecoder().decode(contentsOf: Self.band)
        #expect(task.instruments.map(\.notes.count) == [12, 12, 4, 14, 4, 4, 8])
        let t = Timeline(task: task)
        #expect(noteOnsPerTrack(t) == [12, 12, 4, 14, 4, 4, 8])
        #expect(t.noteCount == 58)
        #expect(t.plan.assignments.map(\.channel.number) == [1, 2, 3, 4, 5, 6, 10])
        for e in t.events where e.message.kind == .noteOn || e.message.kind == .noteOff {
            #expect(e.message.channel == t.plan.assignments[Int(e.track)].channel)
        }
        #expect(t.warnings.isEmpty)
    }

    @Test func sameProgramInstrumentsOverlappingOnOneKeyStaySeparate() {
        let t = Timeline(task: task([("Choir Aahs", [(60, 0, 200, 1)]), ("choir aahs", [(60, 0, 100, 1)])]))
        let notes = describe(t.events).filter { $0.contains(" on ") || $0.contains(" off ") }
        #expect(notes == ["0 on ch1 60 127", "0 on ch2 60 127", "100 off ch2 60", "200 off ch1 60"])
    }

    @Test func notesMergedOnASharedChannelAreCountedInAWarning() throws {
        // Put on one channel: the first choir's own doubled note merges
        // anyway; the second choir's notes at 0 and 300 are lost to sharing.
        let song = task([("Choir Aahs", [(60, 0, 100, 1), (60, 0, 100, 1), (64, 300, 400, 1)]),
                         ("choir aahs", [(60, 0, 100, 1), (64, 300, 400, 1), (67, 300, 400, 1)])])
        let plan = try ChannelPlan(instruments: song.instruments, requests: [ChannelRequest(parsing: "Choir Aahs=1")])
        let t = Timeline(task: song, plan: plan)
        #expect(t.noteCount == 3)
        #expect(t.warnings == ["2 notes were merged into another where instruments sharing a channel struck the same key at the same instant (channel 1: 2)"])
    }

    @Test func drumInstrumentsSharingChannelTenCountTheirMergesToo() {
        let t = Timeline(task: task([("Kick", [(36, 0, 100, 1)]), ("Drums", [(36, 0, 100, 1), (38, 0, 100, 1)])]))
        #expect(t.noteCount == 2)
        #expect(t.warnings == ["1 note was merged into another where instruments sharing a channel struck the same key at the same instant (channel 10: 1)"])
    }

    @Test func mutedInstrumentsMergeNothing() {
        let t = Timeline(task: task([("Kick", [(36, 0, 100, 1)]), ("Drums", [(36, 0, 100, 1)])]), options: .init(muted: [1]))
        #expect(t.noteCount == 1)
        #expect(t.warnings.isEmpty)
    }

    /// Twenty melodic instruments: eight guitars striking one key together
    /// twice, twelve programs of other families. The guitars share three
    /// channels; 16 guitar notes sound as 6.
    @Test func twentyMelodicInstrumentsShareAndTheMergesAreCounted() {
        let guitars = (0..<8).map { _ in ("Overdriven Guitar", [(UInt8(40), Int64(0), Int64(500), 0.8), (40, 1000, 1500, 0.8)]) }
        let others = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10, 11, 12].map { (GeneralMIDI.programNames[$0 * 8], [(UInt8(60), Int64(0), Int64(1000), 0.5)]) }
        let t = Timeline(task: task(guitars + others))
        #expect(t.plan.assignments.map(\.channel.number) == [1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 6, 7, 8, 9, 11, 12, 13, 14, 15, 16])
        #expect(t.noteCount == 18)
        #expect(noteOnsPerTrack(t) == [2, 0, 0, 0, 2, 0, 2, 0] + Array(repeating: 1, count: 12))
        #expect(t.warnings.count == 4)
        #expect(t.warnings.last == "10 notes were merged into another where instruments sharing a channel struck the same key at the same instant (channel 1: 6, channel 2: 2, channel 3: 2)")
    }
}
