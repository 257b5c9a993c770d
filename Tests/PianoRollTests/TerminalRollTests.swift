// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
@testable import PianoRoll
import Sequencer
import Testing

@Suite struct TerminalRollTests {
    let score: RollScore = {
        let task = MIDITask(taskId: "t", instruments: [
            Instrument(name: "Acoustic Grand Piano", notes: [
                Note(pitch: 60, start: 0, end: 1_000_000_000, velocity: 1),
                Note(pitch: 72, start: 3_000_000_000, end: 4_000_000_000, velocity: 1),
            ]),
            Instrument(name: "Drums", notes: [Note(pitch: 36, start: 2_000_000_000, end: 2_100_000_000, velocity: 1)]),
        ])
        return RollScore(task: task, plan: ChannelPlan(instruments: task.instruments))
    }()

    @Test(arguments: [40, 60, 120])
    func fitsTheWidth(width: Int) {
        let lines = TerminalRoll(score: score, width: width).text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.allSatisfy { $0.count <= width })
        // Octave rows, high first, then the drums, then the ruler.
        let labels = lines.dropFirst().prefix(3).map { $0.prefix(4) }
        #expect(labels == ["  C5", "  C4", "Drum"])
        #expect(lines[1].count == width && lines[4].count == width)
        #expect(lines[5].hasPrefix("     0:00"))
    }

    @Test func notesLandWhereTheySound() {
        let lines = TerminalRoll(score: score, width: 45).text.split(separator: "\n").map { Array($0) }
        // 40 columns for 4 s: C4 in the first quarter, C5 in the last, the kick at the middle.
        let c5 = lines[1], c4 = lines[2], drums = lines[3]
        #expect(c4[5] != " " && c4[14] != " " && c4[16] == " ")
        #expect(c5[5] == " " && c5[44] != " ")
        #expect(drums[25] != " " && drums[5] == " ")
    }
}
