// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CSndFile
import FluidSynthOutput
import Foundation
import MIDITask
import Sequencer
import Testing

/// Every format and sample format, written through libsndfile and read back
/// through it, as a player would.
@Suite struct SndFileWriterTests {
    func render(_ task: MIDITask = TestSupport.spacedTask(notes: 2), to path: String, format: AudioFileFormat,
                sampleFormat: SampleFormat? = nil, sampleRate: Double = 44_100) throws -> RenderResult {
        let renderer = OfflineRenderer(synthesizer: try TestSupport.synthesizer(sampleRate: sampleRate))
        return try RenderFile(path: path, format: format, sampleFormat: sampleFormat, overwrite: false)
            .render(Timeline(task: task), with: renderer)
    }

    @Test(arguments: [(AudioFileFormat.wav, SampleFormat.s16), (.wav, .s24), (.wav, .f32), (.flac, .s16), (.flac, .s24)])
    func wavAndFlacHoldTheSampleFormatAsked(format: AudioFileFormat, sampleFormat: SampleFormat) throws {
        let container = format == .wav ? SF_FORMAT_WAV : SF_FORMAT_FLAC
        let subtype = [SampleFormat.s16: SF_FORMAT_PCM_16, .s24: SF_FORMAT_PCM_24, .f32: SF_FORMAT_FLOAT][sampleFormat]!
        let path = try TestSupport.temporaryFolder() + "/song." + format.rawValue
        let result = try render(to: path, format: format, sampleFormat: sampleFormat)
        let file = try TestSupport.readBack(path)
        #expect(file.container == Int32(container))
        #expect(file.subtype == Int32(subtype))
        #expect(file.rate == 44_100 && file.channels == 2)
        #expect(file.statedFrames == result.frames && file.frames == result.frames)
        // Piano notes at velocity 0.8 peak far above this; a silent or
        // garbled-to-nothing file does not.
        #expect(file.peak > 0.05, "peak \(file.peak)")
        #expect(abs(file.peak - result.level.peak) < 1e-3, "read back \(file.peak), rendered \(result.level.peak)")
    }

    @Test func mp3DecodesToTheRenderedLength() throws {
        let path = try TestSupport.temporaryFolder() + "/song.mp3"
        let result = try render(to: path, format: .mp3)
        let file = try TestSupport.readBack(path)
        #expect(file.container == Int32(SF_FORMAT_MPEG))
        #expect(file.subtype == Int32(SF_FORMAT_MPEG_LAYER_III))
        #expect(file.rate == 44_100 && file.channels == 2)
        // The encoder pads the last frame of 1152 samples and adds its delay.
        #expect(abs(file.frames - result.frames) < 3 * 1152, "decoded \(file.frames) frames, rendered \(result.frames)")
        #expect(file.peak > 0.05, "peak \(file.peak)")
    }

    @Test func opusDecodesToTheRenderedLength() throws {
        let path = try TestSupport.temporaryFolder() + "/song.opus"
        let result = try render(to: path, format: .opus, sampleRate: 48_000)
        let file = try TestSupport.readBack(path)
        #expect(file.container == Int32(SF_FORMAT_OGG))
        #expect(file.subtype == Int32(SF_FORMAT_OPUS))
        #expect(file.rate == 48_000 && file.channels == 2)
        #expect(abs(file.frames - result.frames) < 960 * 2, "decoded \(file.frames) frames, rendered \(result.frames)")
        #expect(file.peak > 0.05, "peak \(file.peak)")
    }

    @Test func opusRefuses44100HzBeforeRendering() throws {
        let folder = try TestSupport.temporaryFolder()
        #expect {
            try render(to: folder + "/song.opus", format: .opus)
        } throws: { error in
            "\(error)" == "Cannot write \(folder)/song.opus - Opus takes 8000, 12000, 16000, 24000, 48000 Hz, not 44100"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func flacRefusesFloatSamples() throws {
        let folder = try TestSupport.temporaryFolder()
        #expect {
            try render(to: folder + "/song.flac", format: .flac, sampleFormat: .f32)
        } throws: { error in
            "\(error)" == "Cannot write \(folder)/song.flac - FLAC cannot hold 32-bit float samples"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func sixteenBitSamplesAreTheFloatsRoundedAsBefore() throws {
        // Before libsndfile wrote WAV, each sample was round(clamp(x) × 32767).
        // The f32 file holds x itself (the same render: FluidSynth is deterministic).
        let folder = try TestSupport.temporaryFolder()
        let task = TestSupport.loudTask()
        _ = try render(task, to: folder + "/s16.wav", format: .wav)
        _ = try render(task, to: folder + "/f32.wav", format: .wav, sampleFormat: .f32)
        let ints = try TestSupport.readWAV(folder + "/s16.wav").samples
        let floats = try TestSupport.readBack(folder + "/f32.wav").samples
        try #require(ints.count == floats.count && ints.count > 0)
        var differing = 0
        for (i, x) in zip(ints, floats) {
            let scaled = min(1, max(-1, x)) * 32767
            // libsndfile rounds halves to even, Swift away from zero: a tie may go either way.
            if i != Int16(scaled.rounded()) && scaled - scaled.rounded(.down) != 0.5 { differing += 1 }
        }
        #expect(differing == 0)
    }
}
