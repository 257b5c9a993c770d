// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import LiveView
import MIDITask
import Sequencer
import Testing

private let second: Int64 = 1_000_000_000

@Test func notesAreThoseTheTimelinePlaysPerInstrument() {
    let piano = Instrument(name: "Acoustic Grand Piano", notes: [
        Note(pitch: 60, start: 0, end: second, velocity: 1),
        Note(pitch: 64, start: second / 2, end: 3 * second, velocity: 0.5),
    ])
    let drums = Instrument(name: "Drums", notes: [Note(pitch: 36, start: second, end: second + second / 10, velocity: 1)])
    var options = Timeline.Options()
    options.transpose = 2
    let notes = PlayedNotes(timeline: Timeline(task: MIDITask(instruments: [piano, drums]), options: options))
    // Transposed as heard; drums are not transposed.
    #expect(notes.instruments[0].map(\.key) == [62, 66])
    #expect(notes.instruments[0].map(\.velocity) == [127, 64])
    #expect(notes.instruments[1].map(\.key) == [36])
    #expect(notes.isDrum == [false, true])
    #expect(notes.melodicRange == 62...66)
    #expect(notes.sounding(0, at: second * 3 / 4) == (2, 127) as (Int, UInt8))
    #expect(notes.sounding(0, at: 2 * second).count == 1)
    #expect(notes.sounding(0, at: 3 * second).count == 0)
    var seen: [UInt8] = []
    notes.forEachNote(of: 0, from: 2 * second, to: 4 * second) { seen.append($0.key) }
    #expect(seen == [66])
}
