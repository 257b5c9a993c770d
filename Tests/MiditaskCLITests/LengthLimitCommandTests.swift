// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `--max-duration`: a task whose times make it implausibly long is refused
/// at once by render and play, naming the note that makes it so.
@Suite struct LengthLimitCommandTests {
    let soundFont = CommandRunner.packageRoot.appendingPathComponent("soundfonts/miditask-gm.sf2").path

    /// A callback body whose second instrument's third note ends three days in.
    func threeDayTask(in folder: TemporaryFolder) throws -> String {
        try folder.write("days.json", #"""
            {"code": 200, "task_id": "t", "data": {"state": "complete", "instruments": [
              {"name": "Acoustic Grand Piano", "notes": [{"pitch": 60, "start": 0, "end": 1, "velocity": 0.8}]},
              {"name": "Violin", "notes": [{"pitch": 64, "start": 0, "end": 1, "velocity": 0.8},
                                           {"pitch": 66, "start": 1, "end": 2, "velocity": 0.8},
                                           {"pitch": 67, "start": 2, "end": 259202, "velocity": 0.8}]}]}}
            """#)
    }

    let expected = "data.instruments[1].notes[2].end: 259202 s makes the song last 3 days, "
        + "longer than the 1 h allowed (--max-duration); nothing was done"

    @Test func renderRefusesAThreeDayNoteAtOnceAndWritesNothing() throws {
        let folder = try TemporaryFolder()
        let task = try threeDayTask(in: folder)
        let started = ContinuousClock.now
        let result = try CommandRunner.run(["render", task, "-o", folder.path("days.wav"), "--soundfont", soundFont])
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["days.json"])
    }

    @Test func playRefusesAThreeDayNoteAtOnce() throws {
        let folder = try TemporaryFolder()
        let task = try threeDayTask(in: folder)
        let started = ContinuousClock.now
        // Had the bound not stopped it, play would have opened the sound card.
        let result = try CommandRunner.run(["play", task, "--quiet", "--no-ui", "--soundfont", soundFont])
        #expect(ContinuousClock.now - started < .seconds(10))
        #expect(result.status != 0)
        #expect(result.stderr.contains(expected), "\(result.stderr)")
    }

    @Test func aLargerBoundOrAnEarlierEndLetsTheSongThrough() throws {
        let folder = try TemporaryFolder()
        let task = try threeDayTask(in: folder)
        // --end keeps the song to 3 s, well within 90 minutes.
        let result = try CommandRunner.run(["render", task, "-o", folder.path("short.wav"), "--soundfont", soundFont,
                                            "--end", "3", "--max-duration", "90m"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote \(folder.path("short.wav"))"))
    }

    @Test func aBadBoundIsRejected() throws {
        let result = try CommandRunner.run(["render", "x.json", "-o", "x.wav", "--max-duration", "soon"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--max-duration"))
    }
}
