// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Testing
@testable import MIDITask

func decode(_ json: String, strict: Bool = false) throws(TaskDecodingError) -> MIDITask {
    try TaskDecoder(strict: strict).decode(Array(json.utf8), source: "task.json")
}

func decodingError(_ json: String, strict: Bool = false) -> TaskDecodingError? {
    do {
        _ = try decode(json, strict: strict)
        return nil
    } catch {
        return error
    }
}

let oneNote = #"{"name": "Drums", "notes": [{"pitch": 36, "start": 0.5, "end": "0.75", "velocity": 1}]}"#

@Suite struct TaskShapeTests {
    @Test func readsTheCallbackBody() throws {
        let task = try decode(#"{"task_id": "abc", "code": 200, "msg": "success", "data": {"state": "complete", "instruments": [\#(oneNote)]}}"#)
        #expect(task.shape == .callback)
        #expect(task.taskId == "abc")
        #expect(task.instruments == [Instrument(name: "Drums", notes: [Note(pitch: 36, start: 500_000_000, end: 750_000_000, velocity: 1)])])
        #expect(task.warnings.isEmpty)
    }

    @Test func readsTheRecordInfoResponse() throws {
        let task = try decode(#"{"code": 200, "msg": "success", "data": {"taskId": "5c79", "recordTaskId": -1, "midiData": {"state": "complete", "instruments": [\#(oneNote)]}, "successFlag": 1, "errorCode": null, "errorMessage": null}}"#)
        #expect(task.shape == .recordInfo)
        #expect(task.taskId == "5c79")
        #expect(task.noteCount == 1)
    }

    @Test func readsTheBareObject() throws {
        let task = try decode(#"{"state": "complete", "instruments": [\#(oneNote)]}"#)
        #expect(task.shape == .bare)
        #expect(task.taskId == nil)
        #expect(task.noteCount == 1)
    }

    @Test func readsMidiDataHeldAsJSONText() throws {
        let task = try decode(#"{"code": 200, "data": {"taskId": "t", "successFlag": 1, "midiData": "{\"state\": \"complete\", \"instruments\": [{\"name\": \"Flute\", \"notes\": [{\"pitch\": 72, \"start\": 0, \"end\": 1, \"velocity\": 0.5}]}]}"}}"#)
        #expect(task.instruments.first?.name == "Flute")
        #expect(task.noteCount == 1)
    }

    @Test func namesNotesOfMidiDataHeldAsJSONTextWhereTheyAre() {
        let json = #"{"code": 200, "data": {"taskId": "t", "successFlag": 1, "midiData": "{\"state\": \"complete\", \"instruments\": [{\"name\": \"Flute\", \"notes\": [{\"pitch\": 72, \"start\": 0, \"end\": 1, \"velocity\": 3}]}]}"}}"#
        #expect(decodingError(json, strict: true)?.description
            == "task.json: data.midiData (JSON text) instruments[0].notes[0].velocity: 3 is outside 0–1")
    }

    @Test func keepsWarningsFoundBeforeMidiDataHeldAsJSONText() throws {
        // A bad note in data.instruments, then midiData as text with a clamped velocity: both are told.
        let json = #"{"code": 200, "data": {"taskId": "t", "successFlag": 1, "instruments": [{"name": "A", "notes": [{"pitch": 999, "start": 0, "end": 1}]}], "midiData": "{\"state\": \"complete\", \"instruments\": [{\"name\": \"Flute\", \"notes\": [{\"pitch\": 72, \"start\": 0, \"end\": 1, \"velocity\": 3}]}]}"}}"#
        let task = try decode(json)
        #expect(task.warnings == [
            "skipped 1 bad note (--strict fails instead): data.instruments[0].notes[0].pitch: 999 is out of range 0–127",
            "clamped 1 velocity outside 0–1: data.midiData (JSON text) instruments[0].notes[0].velocity: 3",
        ])
    }

    @Test func acceptsMixedStringAndNumberFields() throws {
        let task = try decode(#"{"instruments": [{"name": "Piano", "notes": [{"pitch": "60.0", "start": " 1.25e0 ", "end": 2, "velocity": "0.5"}, {"pitch": 61.0, "start": "2", "end": "3E0", "velocity": 0}]}]}"#)
        #expect(task.instruments[0].notes == [
            Note(pitch: 60, start: 1_250_000_000, end: 2_000_000_000, velocity: 0.5),
            Note(pitch: 61, start: 2_000_000_000, end: 3_000_000_000, velocity: 0),
        ])
    }

    @Test func readsNoteFieldsWhoseKeysAreEscaped() throws {
        let task = try decode(#"{"state": "complete", "instruments": [{"name": "Cello", "notes": [{"\u0070itch": 48, "st\u0061rt": "1.5", "\u0065nd": 2, "velocity": 1}]}]}"#)
        #expect(task.instruments[0].notes == [Note(pitch: 48, start: 1_500_000_000, end: 2_000_000_000, velocity: 1)])
        #expect(task.warnings.isEmpty)
    }

    @Test func ignoresUnknownFieldsAtEveryLevel() throws {
        let task = try decode(#"{"extra": [1, {"a": null}], "task_id": "x", "code": 200, "data": {"foo": {"bar": [true, false]}, "state": "complete", "instruments": [{"id": 7, "name": "Cello", "notes": [{"pitch": 48, "start": 0, "end": 1, "velocity": 1, "confidence": 0.9}], "program": 3}]}}"#)
        #expect(task.instruments[0].notes.count == 1)
    }

    @Test func acceptsMissingEmptyAndNullInstruments() throws {
        #expect(try decode(#"{"task_id": "a", "code": 200, "data": {"state": "complete"}}"#).instruments.isEmpty)
        #expect(try decode(#"{"state": "complete", "instruments": []}"#).instruments.isEmpty)
        #expect(try decode(#"{"state": "complete", "instruments": null}"#).instruments.isEmpty)
        let empty = try decode(#"{"state": "complete", "instruments": [{"name": "Bass", "notes": []}]}"#)
        #expect(empty.instruments.count == 1 && empty.noteCount == 0)
    }

    @Test func toleratesAByteOrderMark() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array(#"{"state": "complete", "instruments": []}"#.utf8)
        #expect(try TaskDecoder().decode(bytes, source: "t").shape == .bare)
    }

    @Test func refusesJSONThatIsNotATask() {
        #expect(decodingError(#"{"hello": "world"}"#)?.description.contains("not a MIDI task") == true)
        #expect(decodingError(#"[1, 2]"#)?.description == "task.json: the top-level value is not a JSON object")
        #expect(decodingError(#"{"state": "complete", "instruments": {"name": "x"}}"#)?.description
            == #"task.json: instruments: is not an array: {"name": "x"}"#)
    }
}

@Suite struct TaskStatusTests {
    @Test func failedCallbackQuotesCodeAndMessage() {
        let error = decodingError(#"{"task_id": "t1", "code": 500, "msg": "Internal Error - Please try again", "data": null}"#)
        #expect(error?.description == #"task.json: task t1 failed: code 500, msg "Internal Error - Please try again""#)
    }

    @Test func pendingRecordInfoIsNotFinished() {
        let error = decodingError(#"{"code": 200, "msg": "success", "data": {"taskId": "t2", "midiData": null, "successFlag": 0}}"#)
        #expect(error == .taskPending(source: "task.json", taskId: "t2", details: "successFlag 0 (pending)"))
    }

    @Test(arguments: [(2, "failed to create task"), (3, "MIDI generation failed")])
    func failedRecordInfoQuotesErrorCodeAndMessage(_ flag: Int, _ meaning: String) {
        let error = decodingError(#"{"code": 200, "msg": "success", "data": {"taskId": "t3", "successFlag": \#(flag), "errorCode": "E42", "errorMessage": "audio too short"}}"#)
        #expect(error?.description == #"task.json: task t3 failed: successFlag \#(flag) (\#(meaning)), msg "success", errorCode "E42", errorMessage "audio too short""#)
    }

    @Test func stateOtherThanCompleteIsAnError() {
        #expect(decodingError(#"{"state": "processing", "instruments": []}"#)?.description
            == #"task.json: task is not finished yet: state "processing""#)
        #expect(decodingError(#"{"task_id": "t", "code": 200, "msg": "m", "data": {"state": "failed"}}"#)?.description
            == #"task.json: task t failed: state "failed", msg "m""#)
    }

    @Test func apiErrorCodeOnRecordInfoIsAFailure() {
        #expect(decodingError(#"{"code": 401, "msg": "unauthorized", "data": null}"#)?.description
            == #"task.json: task failed: code 401, msg "unauthorized""#)
    }
}

@Suite struct BadNoteTests {
    func task(notes: String) -> String {
        #"{"task_id": "t", "code": 200, "data": {"state": "complete", "instruments": [{"name": "A", "notes": []}, {"name": "B", "notes": [\#(notes)]}]}}"#
    }

    static let good = #"{"pitch": 60, "start": 0, "end": 1, "velocity": 0.5}"#

    @Test(arguments: [
        (#"{"pitch": 60, "start": "abc", "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].start: "abc" is not a number"#),
        (#"{"pitch": 60, "start": "NaN", "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].start: "NaN" is not finite"#),
        (#"{"pitch": 60, "start": -0.5, "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].start: -0.5 is negative"#),
        (#"{"pitch": 60, "start": 2, "end": "1.5", "velocity": 1}"#, #"data.instruments[1].notes[1].end: "1.5" is before start 2"#),
        (#"{"pitch": 128, "start": 0, "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].pitch: 128 is out of range 0–127"#),
        (#"{"pitch": -1, "start": 0, "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].pitch: -1 is out of range 0–127"#),
        (#"{"pitch": 60.5, "start": 0, "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].pitch: 60.5 is not a whole number"#),
        (#"{"start": 0, "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].pitch: is missing"#),
        (#"{"pitch": 60, "start": 0, "end": [1], "velocity": 1}"#, #"data.instruments[1].notes[1].end: [1] is not a number"#),
        (#"{"pitch": 60, "start": "1e999", "end": 1, "velocity": 1}"#, #"data.instruments[1].notes[1].start: "1e999" is out of range"#),
        (#"{"pitch": 60, "start": 0, "end": 1, "velocity": "loud"}"#, #"data.instruments[1].notes[1].velocity: "loud" is not a number"#),
        (#""just text""#, #"data.instruments[1].notes[1]: is not a note object: "just text""#),
    ] as [(String, String)])
    func strictModeFailsWithTheJSONPath(_ note: String, _ message: String) {
        let json = task(notes: "\(Self.good), \(note), \(Self.good)")
        #expect(decodingError(json, strict: true)?.description == "task.json: \(message)")
    }

    @Test func defaultModeSkipsBadNotesWithOneSummarisedWarning() throws {
        let bad = #"{"pitch": 60, "start": "abc", "end": 1, "velocity": 1}"#
        let notes = ([Self.good] + Array(repeating: bad, count: 5)).joined(separator: ", ")
        let result = try decode(task(notes: notes))
        #expect(result.instruments[1].notes.count == 1)
        #expect(result.warnings.count == 1)
        #expect(result.warnings[0].hasPrefix("skipped 5 bad notes (--strict fails instead): data.instruments[1].notes[1].start: \"abc\" is not a number;"))
        #expect(result.warnings[0].hasSuffix("; and 2 more"))
    }

    @Test func velocityOutsideZeroToOneIsClampedWithAWarning() throws {
        let result = try decode(task(notes: #"{"pitch": 60, "start": 0, "end": 1, "velocity": 1.7}, {"pitch": 61, "start": 0, "end": 1, "velocity": -0.2}"#))
        #expect(result.instruments[1].notes.map(\.velocity) == [1, 0])
        #expect(result.warnings == ["clamped 2 velocities outside 0–1: data.instruments[1].notes[0].velocity: 1.7; data.instruments[1].notes[1].velocity: -0.2"])
    }

    @Test(arguments: [
        ("-0.2", "-0.2"), ("1.7", "1.7"), (#""1.0001""#, #""1.0001""#), ("1e999", "1e999"), ("-1e999", "-1e999"),
    ] as [(String, String)])
    func strictModeRefusesAVelocityItWouldClamp(_ velocity: String, _ shown: String) {
        let bad = #"{"pitch": 61, "start": 0, "end": 1, "velocity": \#(velocity)}"#
        let json = task(notes: "\(Self.good), \(Self.good), \(Self.good), \(bad)")
        #expect(decodingError(json, strict: true)?.description
            == "task.json: data.instruments[1].notes[3].velocity: \(shown) is outside 0–1")
    }

    @Test func strictModeNamesTheFirstFaultWhetherClampOrSkip() {
        let clamp = #"{"pitch": 60, "start": 0, "end": 1, "velocity": 2}"#
        let skip = #"{"pitch": 60, "start": "x", "end": 1, "velocity": 1}"#
        #expect(decodingError(task(notes: "\(clamp), \(skip)"), strict: true)?.description
            == "task.json: data.instruments[1].notes[0].velocity: 2 is outside 0–1")
        #expect(decodingError(task(notes: "\(skip), \(clamp)"), strict: true)?.description
            == #"task.json: data.instruments[1].notes[0].start: "x" is not a number"#)
    }

    @Test func strictModeAcceptsTheEdgesOfTheVelocityRange() throws {
        let notes = #"{"pitch": 60, "start": 0, "end": 1, "velocity": 0}, {"pitch": 61, "start": 0, "end": 1, "velocity": "1.000"}"#
        let result = try decode(task(notes: notes), strict: true)
        #expect(result.instruments[1].notes.map(\.velocity) == [0, 1])
        #expect(result.warnings.isEmpty)
    }

    /// Found by the fuzzer: this time crashed the decoder (an overflow in rounding).
    @Test func aTimeOfNineteenDigitsBelowANanosecondDecodes() throws {
        let result = try decode(task(notes: #"{"pitch": 60, "start": 0.0000000009999999999999999999, "end": "0.0000000009999999999999999999", "velocity": 0.0000000009999999999999999999}"#))
        #expect(result.instruments[1].notes == [Note(pitch: 60, start: 1, end: 1, velocity: 1e-9)])
    }

    @Test func missingVelocityPlaysAtADefaultWithAWarning() throws {
        let result = try decode(task(notes: #"{"pitch": 60, "start": 0, "end": 1}"#))
        #expect(result.instruments[1].notes[0].midiVelocity == 100)
        #expect(result.warnings == ["1 note had no velocity and play at 100/127 (first: data.instruments[1].notes[0])"])
    }

    @Test func taskFailureIsReportedBeforeBadNotes() {
        let json = #"{"task_id": "t", "code": 500, "msg": "boom", "data": {"instruments": [{"name": "A", "notes": [{"pitch": 999}]}]}}"#
        #expect(decodingError(json, strict: true)?.description == #"task.json: task t failed: code 500, msg "boom""#)
    }
}

@Suite struct MalformedJSONTests {
    @Test(arguments: [
        ("{\"state\": \"complete\",\n  \"instruments\": [\n    {\"name\": \"A\" \"notes\": []}]}", 3, 18, "expected ',' or '}' in object, found '\"'"),
        ("", 1, 1, "empty input: expected a JSON object"),
        ("{\"state\": \"compl", 1, 11, "unterminated string"),
        ("{\"a\": 1} x", 1, 10, "unexpected 'x' after the end of the JSON value"),
        ("{\"a\": tru}", 1, 7, "unexpected 't': expected a JSON value"),
        ("{\"a\": 01}", 1, 8, "expected ',' or '}' in object, found '1'"),
        ("{\"é\": [1,]}", 1, 10, "unexpected ']': expected a JSON value"),
    ] as [(String, Int, Int, String)])
    func reportsLineAndColumn(_ json: String, _ line: Int, _ column: Int, _ reason: String) {
        #expect(decodingError(json) == .malformedJSON(source: "task.json", line: line, column: column, reason: reason))
    }

    @Test func refusesNestingDeepEnoughToThreatenTheStack() {
        let json = "{\"x\": " + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        guard case .malformedJSON(_, _, _, let reason)? = decodingError(json) else {
            Issue.record("expected a malformed-JSON error")
            return
        }
        #expect(reason == "nesting deeper than 512 levels")
    }
}
