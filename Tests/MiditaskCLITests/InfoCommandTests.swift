// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@Suite struct InfoCommandTests {
    let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path

    @Test func printsTheTaskAsText() throws {
        let result = try CommandRunner.run(["info", demo])
        #expect(result.status == 0)
        #expect(result.stdout == """
            Task      demo-groove-0001  [callback, complete]
            Duration  0:15.950 (15.950 s)
            Notes     169 in 4 instruments
            Tempo     ≈ 120.0 BPM, 4/4, first beat 0.000 s (confidence 1.00)

              #  Instrument              Ch  Program                       Notes  Range
              1  Drums                   10  drums                            96  36–42 (C2–F#2)
              2  Electric Bass (finger)   1  33 Electric Bass (finger)        32  36–45 (C2–A2)
              3  Acoustic Grand Piano     2  0 Acoustic Grand Piano           24  48–64 (C3–E4)
              4  Vocals                   3  53 Voice Oohs *                  17  64–76 (E4–E5)

            Warnings:
              - "Vocals" is not a General MIDI name: playing it as Voice Oohs (program 53)

            """)
    }

    @Test func printsOneJSONObjectWithTheDocumentedFields() throws {
        let result = try CommandRunner.run(["info", "--json", demo])
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["taskId"] as? String == "demo-groove-0001")
        #expect(object["durationSeconds"] as? Double == 15.95)
        #expect(object["noteCount"] as? Int == 169)
        let instruments = object["instruments"] as! [[String: Any]]
        #expect(instruments.map { $0["name"] as? String } == ["Drums", "Electric Bass (finger)", "Acoustic Grand Piano", "Vocals"])
        #expect(instruments.map { $0["program"] as? Int } == [0, 33, 0, 53])
        #expect(instruments.map { $0["channel"] as? Int } == [10, 1, 2, 3])
        #expect(instruments.map { $0["isDrum"] as? Bool } == [true, false, false, false])
        #expect(instruments.map { $0["noteCount"] as? Int } == [96, 32, 24, 17])
        #expect((object["warnings"] as? [String])?.count == 1)
        let tempo = try #require(object["tempo"] as? [String: Any])
        #expect(tempo["bpm"] as? Double == 120 && tempo["meter"] as? String == "4/4")
        #expect(tempo["firstBeatSeconds"] as? Double == 0 && tempo["confidence"] as? Double == 1)
        #expect(tempo["given"] as? Bool == false)
    }

    @Test func aGivenTempoIsShownAsGivenAndABadOneIsRefused() throws {
        let given = try CommandRunner.run(["info", demo, "--bpm", "96", "--first-beat", "0.25"])
        #expect(given.stdout.contains("Tempo     96.0 BPM, 4/4, first beat 0.250 s (given)"), "\(given.stdout)")
        let bad = try CommandRunner.run(["info", demo, "--bpm", "300"])
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--bpm 300.0: expected 40–240 beats per minute"))
    }

    @Test func warningsIsAnEmptyArrayWhenThereAreNone() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.json", #"{"state": "complete", "instruments": [{"name": "Flute", "notes": [{"pitch": 72, "start": 0, "end": 1, "velocity": 1}]}]}"#)
        let object = try JSONSerialization.jsonObject(with: Data(try CommandRunner.run(["info", "--json", path]).stdout.utf8)) as! [String: Any]
        #expect((object["warnings"] as? [String]) == [])
    }

    @Test func readsStandardInput() throws {
        let json = #"{"code": 200, "msg": "success", "data": {"taskId": "stdin-1", "successFlag": 1, "midiData": {"state": "complete", "instruments": []}}}"#
        let result = try CommandRunner.run(["info", "--json", "-"], stdin: Data(json.utf8))
        #expect(result.status == 0)
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        #expect(object["taskId"] as? String == "stdin-1")
        #expect(object["warnings"] as? [String] == ["the task has no notes: there is nothing to play"])
    }

    @Test func programOverrideChangesTheProgram() throws {
        let result = try CommandRunner.run(["info", "--json", demo, "--program", "vocals=73"])
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let vocals = (object["instruments"] as! [[String: Any]])[3]
        #expect(vocals["program"] as? Int == 73)
        #expect(object["warnings"] as? [String] == [])
    }
}

@Suite struct BadInputTests {
    @Test func aMissingFileIsAClearErrorWithNonZeroExit() throws {
        let result = try CommandRunner.run(["info", "/nonexistent/task.json"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("/nonexistent/task.json: cannot read: No such file or directory"))
    }

    @Test func malformedJSONNamesTheFileLineAndColumn() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("bad.json", "{\"state\": \"complete\",\n \"instruments\": [1,,2]}")
        let result = try CommandRunner.run(["info", path])
        #expect(result.status != 0)
        #expect(result.stderr.contains("\(path):2:20: malformed JSON: unexpected ',': expected a JSON value"))
    }

    @Test func aFailedTaskQuotesTheAPIsMessage() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("failed.json", #"{"task_id": "f1", "code": 500, "msg": "Internal Error", "data": null}"#)
        let result = try CommandRunner.run(["export", path, "-o", folder.path("out.mid")])
        #expect(result.status != 0)
        #expect(result.stderr.contains(#"task f1 failed: code 500, msg "Internal Error""#))
        #expect(!FileManager.default.fileExists(atPath: folder.path("out.mid")))
    }

    @Test func strictModeFailsOnABadNoteWithItsPath() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("t.json", #"{"state": "complete", "instruments": [{"name": "Flute", "notes": [{"pitch": 72, "start": "abc", "end": 1, "velocity": 1}]}]}"#)
        let lenient = try CommandRunner.run(["info", path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains(#"skipped 1 bad note (--strict fails instead): instruments[0].notes[0].start: "abc" is not a number"#))
        let strict = try CommandRunner.run(["info", "--strict", path])
        #expect(strict.status != 0)
        #expect(strict.stderr.contains(#"instruments[0].notes[0].start: "abc" is not a number"#))
    }

    @Test func aProgramOverrideForAnUnknownInstrumentIsAnError() throws {
        let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path
        let result = try CommandRunner.run(["info", demo, "--program", "Kazoo=3"])
        #expect(result.status != 0)
        #expect(result.stderr.contains(#"the task has no instrument named "Kazoo""#))
        let badValue = try CommandRunner.run(["info", demo, "--program", "Vocals=200"])
        #expect(badValue.status != 0)
        #expect(badValue.stderr.contains("200 is not a program 0–127"))
    }
}
