// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `play`'s checks that come before any output is opened.
@Suite struct PlayCommandTests {
    let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path

    @Test func aSoundCardThatCannotOpenIsOneClearErrorWithoutLibraryNoise() throws {
        let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path
        let result = try CommandRunner.run(["play", demo, "--quiet", "--audio-driver", "alsa", "--audio-device", "hw:99"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Cannot start the alsa audio driver"))
        #expect(!result.stderr.contains("ALSA lib"))
    }

    @Test func aTaskWithoutNotesPlaysNothingAndSucceeds() throws {
        let folder = try TemporaryFolder()
        let empty = try folder.write("empty.json", #"{"state": "complete", "instruments": []}"#)
        let result = try CommandRunner.run(["play", empty])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("task has no notes: nothing to play"))
    }

    @Test func mutingEveryInstrumentPlaysNothingAndSucceeds() throws {
        let result = try CommandRunner.run(["play", demo, "--solo", "Drums", "--mute", "1"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("nothing to play"))
    }

    @Test func tempoOutsideTheRangeIsRejected() throws {
        let result = try CommandRunner.run(["play", demo, "--tempo", "5"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--tempo 5.0: the factor must be within 0.25–4"))
    }

    @Test func aMalformedLoopIsRejectedWithTheExpectedForm() throws {
        let result = try CommandRunner.run(["play", demo, "--loop", "8"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--loop 8: expected START:END in seconds"))
    }

    @Test func endWithLoopIsRejected() throws {
        let result = try CommandRunner.run(["play", demo, "--loop", "1:2", "--end", "3"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("a loop plays until stopped"))
    }

    @Test func startPastTheSongIsRejected() throws {
        let result = try CommandRunner.run(["play", demo, "--start", "20"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--start 20.0: the song lasts only 0:15.950"))
    }

    @Test func muteNamesAnInstrumentOfTheTask() throws {
        let result = try CommandRunner.run(["play", demo, "--mute", "Banjo"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--mute Banjo: the task has no instrument named \"Banjo\""))
        let number = try CommandRunner.run(["play", demo, "--solo", "7"])
        #expect(number.stderr.contains("--solo 7: the task has no instrument 7 (they are numbered 1–4, as info shows)"))
    }
}
