// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer
import Testing

@Suite struct LengthLimitTests {
    let hour = LengthLimit(seconds: 3_600)

    func task(lastEnd: Int64) -> MIDITask {
        MIDITask(instruments: [Instrument(name: "Piano", notes: [
            Note(pitch: 60, start: 0, end: 1_000_000_000, velocity: 1),
            Note(pitch: 62, start: 2_000_000_000, end: lastEnd, velocity: 1)])])
    }

    @Test func aNoteEndingDaysLaterIsNamedWithItsValueAndTheLimit() throws {
        let days = try TaskDecoder().decode(Array(#"{"code": 200, "data": {"state": "complete", "instruments": [{"name": "Piano", "notes": [{"pitch": 60, "start": 0, "end": 1}, {"pitch": 62, "start": 2, "end": 259200.5}]}]}}"#.utf8), source: "t")
        #expect {
            try hour.check(days)
        } throws: { error in
            "\(error)" == "data.instruments[0].notes[1].end: 259200.5 s makes the song last 3 days, longer than "
                + "the 1 h allowed (--max-duration); nothing was done"
        }
    }

    @Test func aSongWithinTheLimitPasses() throws {
        try hour.check(task(lastEnd: 3_600_000_000_000))
    }

    @Test func tempoEndAndStartChangeHowLongItLasts() throws {
        let twoHours = task(lastEnd: 7_200_000_000_000)
        #expect(throws: LengthLimit.Exceeded.self) { try hour.check(twoHours) }
        try hour.check(twoHours, tempo: 2)
        try hour.check(twoHours, end: 3_000_000_000_000)
        try hour.check(twoHours, start: 3_700_000_000_000)
        #expect(throws: LengthLimit.Exceeded.self) { try hour.check(twoHours, end: 3_000_000_000_000, tempo: 0.5) }
    }

    @Test func mutedInstrumentsDoNotCount() throws {
        var two = task(lastEnd: 2_000_000_000)
        two.instruments.append(Instrument(name: "Drone", notes: [Note(pitch: 40, start: 0, end: 1 << 50, velocity: 1)]))
        try hour.check(two, muted: [1])
        #expect(throws: LengthLimit.Exceeded.self) { try hour.check(two) }
    }
}
