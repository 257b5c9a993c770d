// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `render --stems` and `render --output-dir` as the user meets them.
@Suite struct RenderStemsCommandTests {
    let soundFont = CommandRunner.packageRoot.appendingPathComponent("soundfonts/miditask-gm.sf2").path
    let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path

    /// A band of three instruments, the second of which has no notes.
    func bandTask(in folder: TemporaryFolder) throws -> String {
        try folder.write("band.json", """
            {"state": "complete", "instruments": [
              {"name": "Drums", "notes": [{"pitch": 36, "start": 0, "end": 0.1, "velocity": 0.9}]},
              {"name": "Strings", "notes": []},
              {"name": "Electric Bass (finger)", "notes": [{"pitch": 40, "start": 0.2, "end": 0.6, "velocity": 0.8}]}]}
            """)
    }

    @Test func anEmptyInstrumentGetsANoteAndNoFile() throws {
        let folder = try TemporaryFolder()
        let task = try bandTask(in: folder)
        let result = try CommandRunner.run(["render", task, "--stems", folder.path("stems"), "--soundfont", soundFont])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("note: instrument 2 \"Strings\" has no notes: no stem for it"), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("stems")).sorted()
            == ["01-drums.wav", "03-electric-bass-finger.wav"])
    }

    @Test func anExistingStemIsKeptAndNothingIsRendered() throws {
        let folder = try TemporaryFolder()
        let task = try bandTask(in: folder)
        try FileManager.default.createDirectory(atPath: folder.path("stems"), withIntermediateDirectories: true)
        let kept = try folder.write("stems/03-electric-bass-finger.wav", "mine")
        let result = try CommandRunner.run(["render", task, "--stems", folder.path("stems"), "-o", folder.path("mix.wav"),
                                            "--soundfont", soundFont])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Cannot write \(kept) - it already exists (use --force to replace it)"), "\(result.stderr)")
        #expect(try String(contentsOfFile: kept, encoding: .utf8) == "mine")
        // Refused before rendering: neither the other stem nor the mix, nor any temporary file.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("stems")) == ["03-electric-bass-finger.wav"])
        #expect(!FileManager.default.fileExists(atPath: folder.path("mix.wav")))

        let forced = try CommandRunner.run(["render", task, "--stems", folder.path("stems"), "--soundfont", soundFont, "--force"])
        #expect(forced.status == 0, "\(forced.stderr)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: kept)).count > 1000)
    }

    @Test func aBatchWithOneBadTaskRendersTheOthersAndFails() throws {
        let folder = try TemporaryFolder()
        let a = try folder.write("a.json", String(contentsOfFile: demo, encoding: .utf8))
        let bad = try folder.write("bad.json", #"{"instruments": ["#)
        let c = try folder.write("c.json", String(contentsOfFile: demo, encoding: .utf8))
        let result = try CommandRunner.run(["render", a, bad, c, "--output-dir", folder.path("out"), "--soundfont", soundFont,
                                            "--jobs", "2"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 4, "\(result.stdout)")
        #expect(lines.first?.hasPrefix("ok      \(a) -> \(folder.path("out/a.wav")): 0:") == true, "\(result.stdout)")
        #expect(lines.dropFirst().first?.hasPrefix("failed  \(bad): \(bad):") == true, "\(result.stdout)")
        #expect(lines.dropFirst().first?.contains("malformed JSON") == true, "\(result.stdout)")
        #expect(lines.dropFirst(2).first?.hasPrefix("ok      \(c) -> \(folder.path("out/c.wav")): 0:") == true, "\(result.stdout)")
        #expect(lines.last == "3 tasks: 2 rendered, 1 failed")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("out")).sorted() == ["a.wav", "c.wav"])
    }
}
