// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `render`'s formats and sample formats as the user meets them: refusals
/// naming the option, and the closing line's rate, peak and clipping.
@Suite struct RenderFormatCommandTests {
    let soundFont = CommandRunner.packageRoot.appendingPathComponent("soundfonts/miditask-gm.sf2").path
    let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path

    @Test func flacRefusesFloatNamingTheOption() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.run(["render", demo, "-o", folder.path("a.flac"), "--sample-format", "f32"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--sample-format f32: FLAC holds no 32-bit float samples; use s16 or s24, or WAV"),
                "\(result.stderr)")
    }

    @Test func lossyFormatsTakeNoSampleFormat() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.run(["render", demo, "-o", folder.path("a.mp3"), "--sample-format", "s24"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--sample-format s24: MP3 is a lossy codec"), "\(result.stderr)")
    }

    @Test func opusRefusesARateItCannotEncode() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.run(["render", demo, "-o", folder.path("a.opus"), "--sample-rate", "44100"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--sample-rate 44100: Opus takes 8000, 12000, 16000, 24000, 48000 Hz"), "\(result.stderr)")
    }

    @Test func opusIsRenderedAt48kHzUnlessToldOtherwise() throws {
        let folder = try TemporaryFolder()
        let result = try CommandRunner.run(["render", demo, "-o", folder.path("a.opus"), "--soundfont", soundFont])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains(", 48000 Hz, stereo Opus, peak "), "\(result.stderr)")
    }

    /// --jobs sets the threads one mix renders on; FluidSynth's threads
    /// share the voices and give the same samples as one.
    @Test func aMixOnOneThreadIsTheSameFileAsOnEveryCore() throws {
        let folder = try TemporaryFolder()
        for (name, extra) in [("one.wav", ["--jobs", "1"]), ("every.wav", [])] {
            let result = try CommandRunner.run(["render", demo, "-o", folder.path(name), "--soundfont", soundFont] + extra)
            #expect(result.status == 0, "\(result.stderr)")
        }
        let one = try Data(contentsOf: URL(fileURLWithPath: folder.path("one.wav")))
        let every = try Data(contentsOf: URL(fileURLWithPath: folder.path("every.wav")))
        #expect(one.count > 100_000 && one == every, "\(one.count) and \(every.count) bytes, or different samples")
    }

    @Test func theClosingLineGivesPeakAndClipping() throws {
        let folder = try TemporaryFolder()
        let quiet = try CommandRunner.run(["render", demo, "-o", folder.path("a.wav"), "--soundfont", soundFont,
                                           "--sample-format", "s24"])
        #expect(quiet.status == 0, "\(quiet.stderr)")
        #expect(quiet.stderr.contains("Hz, 24-bit PCM stereo WAV, peak -"), "\(quiet.stderr)")
        #expect(quiet.stderr.contains(" dBFS, none clipped"), "\(quiet.stderr)")

        let loud = try CommandRunner.run(["render", demo, "-o", folder.path("b.wav"), "--soundfont", soundFont, "--gain", "10"])
        #expect(loud.status == 0, "\(loud.stderr)")
        #expect(loud.stderr.contains("samples clipped (--normalize or a lower --gain avoids it)"), "\(loud.stderr)")

        let normalized = try CommandRunner.run(["render", demo, "-o", folder.path("c.wav"), "--soundfont", soundFont,
                                                "--gain", "10", "--normalize"])
        #expect(normalized.status == 0, "\(normalized.stderr)")
        #expect(normalized.stderr.contains("peak -1.0 dBFS, normalized by -"), "\(normalized.stderr)")
        #expect(normalized.stderr.contains("none clipped"), "\(normalized.stderr)")
    }
}
