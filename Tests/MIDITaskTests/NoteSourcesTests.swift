// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Testing

@Suite struct NoteSourcesTests {
    func decode(_ json: String) throws -> MIDITask {
        try TaskDecoder().decode(Array(json.utf8), source: "t")
    }

    @Test func notesAreNamedByTheirPathInTheJSON() throws {
        let task = try decode(#"{"code": 200, "data": {"state": "complete", "instruments": [{"name": "Piano", "notes": ["#
            + #"{"pitch": 60, "start": 0, "end": 1}, {"pitch": 62, "start": 1, "end": 2}]}]}}"#)
        #expect(task.notePath(instrument: 0, note: 1) == "data.instruments[0].notes[1]")
    }

    @Test func skippedNotesAndInstrumentsDoNotShiftThePath() throws {
        // Instrument 0 is no object and note 0 of the next has no pitch: both
        // are skipped, yet the kept note is named where it stands.
        let task = try decode(#"{"state": "complete", "instruments": [3, {"name": "Piano", "notes": ["#
            + #"{"start": 0, "end": 1}, {"pitch": 60, "start": 0, "end": 1}, "x", {"pitch": 64, "start": 0, "end": 9}]}]}"#)
        #expect(task.instruments[0].notes.count == 2)
        #expect(task.notePath(instrument: 0, note: 0) == "instruments[1].notes[1]")
        #expect(task.notePath(instrument: 0, note: 1) == "instruments[1].notes[3]")
    }

    @Test func midiDataAsJSONTextIsNamedAsTheDecoderNamesIt() throws {
        let inner = #"{\"state\": \"complete\", \"instruments\": [{\"name\": \"Piano\", \"notes\": [{\"pitch\": 60, \"start\": 0, \"end\": 1}]}]}"#
        let task = try decode(#"{"code": 200, "data": {"taskId": "t1", "successFlag": 1, "midiData": ""# + inner + #""}}"#)
        #expect(task.notePath(instrument: 0, note: 0) == "data.midiData (JSON text) instruments[0].notes[0]")
    }

    @Test func theLastEndingNoteLeavesOutMutedInstruments() {
        let task = MIDITask(instruments: [
            Instrument(name: "A", notes: [Note(pitch: 60, start: 0, end: 5, velocity: 1), Note(pitch: 61, start: 0, end: 9, velocity: 1)]),
            Instrument(name: "B", notes: [Note(pitch: 60, start: 0, end: 20, velocity: 1)]),
        ])
        #expect(task.lastEndingNote().map { [$0.instrument, $0.note] } == [1, 0])
        #expect(task.lastEndingNote(excluding: [1]).map { [$0.instrument, $0.note] } == [0, 1])
        #expect(task.lastEndingNote(excluding: [0, 1]) == nil)
        #expect(task.notePath(instrument: 0, note: 1) == "instruments[0].notes[1]")
    }
}
