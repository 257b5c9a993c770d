// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FluidSynthOutput
import Foundation
import MIDITask
import Sequencer
import Testing

@Suite struct RenderFileTests {
    let rate = 44_100

    func render(_ task: MIDITask, to path: String, format: AudioFileFormat = .wav, reverb: Bool = true,
                transport: RenderTransport = RenderTransport(), overwrite: Bool = false,
                cancellation: RenderCancellation? = nil) throws -> RenderResult {
        let renderer = OfflineRenderer(synthesizer: try TestSupport.synthesizer(reverb: reverb, chorus: reverb))
        return try RenderFile(path: path, format: format, overwrite: overwrite)
            .render(Timeline(task: task), with: renderer, transport: transport, cancellation: cancellation)
    }

    @Test func fileEndsSoonAfterTheTailFallsSilentAndNotBefore() throws {
        let path = try TestSupport.temporaryFolder() + "/song.wav"
        let task = TestSupport.spacedTask()
        let result = try render(task, to: path)
        let (fileRate, samples) = try TestSupport.readWAV(path)
        #expect(fileRate == rate)
        #expect(samples.count / 2 == result.frames)
        let lastEvent = Double(task.duration) / 1e9
        // The last 100 ms are below -80 dBFS (|x| < 3.3 of 32767)...
        let silence = rate / 10
        let tail = samples.suffix(2 * silence).map { abs(Int($0)) }.max() ?? 0
        #expect(tail <= 3)
        // ...and sound went on until just before them: the file stops at
        // the first 100 ms of silence, not seconds later.
        let lastLoud = (samples.lastIndex { abs(Int($0)) >= 3 } ?? 0) / 2
        #expect(result.frames - lastLoud <= silence + 64)
        // The release and reverb ring past the last note-off.
        #expect(Double(lastLoud) / Double(rate) > lastEvent + 0.05)
        #expect(result.seconds < lastEvent + 4)
    }

    @Test func onsetsMatchTheTimelineWithinThreeMilliseconds() throws {
        let path = try TestSupport.temporaryFolder() + "/dry.wav"
        let task = TestSupport.spacedTask()
        _ = try render(task, to: path, reverb: false)
        let (_, samples) = try TestSupport.readWAV(path)
        let expected = task.instruments.flatMap(\.notes).map { Double($0.start) / 1e9 }.sorted()
        let found = TestSupport.onsets(samples, rate: rate)
        try #require(found.count == expected.count, "onsets \(found) for notes at \(expected)")
        for (f, e) in zip(found, expected) {
            #expect(abs(f - e) < 0.003, "onset at \(f) s for a note at \(e) s")
        }
    }

    @Test func twoRendersAreByteIdentical() throws {
        let folder = try TestSupport.temporaryFolder()
        _ = try render(TestSupport.spacedTask(), to: folder + "/a.wav")
        _ = try render(TestSupport.spacedTask(), to: folder + "/b.wav")
        let a = try Data(contentsOf: URL(fileURLWithPath: folder + "/a.wav"))
        let b = try Data(contentsOf: URL(fileURLWithPath: folder + "/b.wav"))
        #expect(a.count > 44)
        #expect(a == b)
    }

    @Test func startAndTempoMoveOnsetsToTheirScaledFrames() throws {
        let path = try TestSupport.temporaryFolder() + "/fast.wav"
        let task = TestSupport.spacedTask(spacing: 0.8)
        let transport = RenderTransport(start: TestSupport.seconds(0.5), tempo: 2)
        _ = try render(task, to: path, reverb: false, transport: transport)
        let (_, samples) = try TestSupport.readWAV(path)
        let expected = task.instruments.flatMap(\.notes).map { Double($0.start) / 1e9 }
            .filter { $0 >= 0.5 }.sorted().map { ($0 - 0.5) / 2 }
        let found = TestSupport.onsets(samples, rate: rate)
        try #require(found.count == expected.count, "onsets \(found), expected \(expected)")
        for (f, e) in zip(found, expected) { #expect(abs(f - e) < 0.003, "onset at \(f) s, expected \(e) s") }
    }

    @Test func endReleasesNotesStillSounding() throws {
        let path = try TestSupport.temporaryFolder() + "/cut.wav"
        let s = TestSupport.seconds
        let task = MIDITask(instruments: [Instrument(name: "Church Organ", notes: [
            Note(pitch: 60, start: s(0.1), end: s(8), velocity: 0.8)])])
        let result = try render(task, to: path, reverb: false, transport: RenderTransport(end: s(1)))
        // An organ sustains until released: the file ends with its release
        // after 1 s, not after 8 s.
        #expect(result.seconds > 1)
        #expect(result.seconds < 4)
        #expect(result.lastEventFrame == 44_096)
    }

    @Test func drumNoteOnChannelTenIsAudible() throws {
        let path = try TestSupport.temporaryFolder() + "/drum.wav"
        let s = TestSupport.seconds
        let task = MIDITask(instruments: [Instrument(name: "Drums", notes: [
            Note(pitch: 38, start: s(0.1), end: s(0.2), velocity: 0.9)])])
        _ = try render(task, to: path, reverb: false)
        let (_, samples) = try TestSupport.readWAV(path)
        let peak = samples.map { abs(Int($0)) }.max() ?? 0
        #expect(peak > 1000, "snare peak \(peak) of 32767")
        #expect(TestSupport.onsets(samples, rate: rate).count == 1)
    }

    @Test func existingFileIsKeptWithoutOverwrite() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/keep.wav"
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        #expect {
            try render(TestSupport.spacedTask(notes: 1), to: path)
        } throws: { error in
            "\(error)" == "Cannot write \(path) - it already exists (use --force to replace it)"
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("precious".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["keep.wav"])
    }

    @Test func overwriteReplacesTheFile() throws {
        let path = try TestSupport.temporaryFolder() + "/old.wav"
        try Data("old".utf8).write(to: URL(fileURLWithPath: path))
        let result = try render(TestSupport.spacedTask(notes: 1), to: path, overwrite: true)
        #expect(try TestSupport.readWAV(path).samples.count == 2 * result.frames)
    }

    @Test func cancelledRenderLeavesNoFileBehind() throws {
        let folder = try TestSupport.temporaryFolder()
        let cancellation = RenderCancellation()
        cancellation.cancel()
        #expect {
            try render(TestSupport.spacedTask(), to: folder + "/never.wav", cancellation: cancellation)
        } throws: { error in
            if case RenderError.cancelled = error { return true }
            return false
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }

    @Test func failedRenderLeavesNoFileBehind() throws {
        let folder = try TestSupport.temporaryFolder()
        // A folder in the way of the target: rendering works, the final move fails.
        try FileManager.default.createDirectory(atPath: folder + "/taken.wav/x", withIntermediateDirectories: true)
        #expect(throws: RenderError.self) {
            try render(TestSupport.spacedTask(notes: 1), to: folder + "/taken.wav", overwrite: true)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["taken.wav"])
    }

    @Test func flacAndOggAreWrittenThroughLibsndfile() throws {
        let folder = try TestSupport.temporaryFolder()
        for (format, magic) in [(AudioFileFormat.flac, "fLaC"), (.ogg, "OggS")] {
            let path = folder + "/song." + format.rawValue
            let result = try render(TestSupport.spacedTask(notes: 2), to: path, format: format)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(String(decoding: data.prefix(4), as: UTF8.self) == magic)
            #expect(result.frames > rate)
        }
    }

    @Test func formatFollowsTheExtension() {
        #expect(AudioFileFormat(path: "a/b.WAV") == .wav)
        #expect(AudioFileFormat(path: "song.flac") == .flac)
        #expect(AudioFileFormat(path: "song.oga") == .ogg)
        #expect(AudioFileFormat(path: "song.mp3") == .mp3)
        #expect(AudioFileFormat(path: "song.Opus") == .opus)
        #expect(AudioFileFormat(path: "song.aiff") == nil)
        #expect(AudioFileFormat(path: "dir.wav/song") == nil)
    }

    /// A fresh renderer each call, as a normalized render needs two.
    func renderers(gain: Double? = nil) -> () throws(RenderError) -> OfflineRenderer {
        { () throws(RenderError) in
            do { return OfflineRenderer(synthesizer: try TestSupport.synthesizer(gain: gain)) } catch { throw .file("make a synthesizer", "\(error)") }
        }
    }

    func loudRender(to path: String, sampleFormat: SampleFormat? = nil, normalized: Bool = false) throws -> RenderResult {
        let file = RenderFile(path: path, format: .wav, sampleFormat: sampleFormat, overwrite: false)
        let make = renderers(gain: 1)
        return normalized
            ? try file.renderNormalized(Timeline(task: TestSupport.loudTask()), toPeak: -1, makeRenderer: make)
            : try file.render(Timeline(task: TestSupport.loudTask()), with: make())
    }

    @Test func clippedSamplesAreCountedExactly() throws {
        let folder = try TestSupport.temporaryFolder()
        let clipped = try loudRender(to: folder + "/s16.wav")
        let kept = try loudRender(to: folder + "/f32.wav", sampleFormat: .f32)
        // The float file keeps what the 16-bit one had to clip: the same render,
        // so its samples past full scale are exactly the ones counted.
        let floats = try TestSupport.readBack(folder + "/f32.wav").samples
        let over = floats.filter { abs($0) > 1 }.count
        #expect(over > 1000, "the loud task goes past full scale in only \(over) samples")
        #expect(clipped.clippedSamples == over)
        #expect(clipped.level.overFullScale == over)
        #expect(kept.clippedSamples == 0 && kept.level.overFullScale == over)
        #expect(clipped.level.peakDBFS > 0)
        #expect(abs(kept.level.peak - floats.map(abs).max()!) < 1e-6)
        // In the 16-bit file every one of them sits at full scale.
        let ints = try TestSupport.readWAV(folder + "/s16.wav").samples
        #expect(ints.filter { $0 == 32767 || $0 == -32767 }.count >= over)
    }

    @Test func normalizeBringsThePeakToMinusOneDBFS() throws {
        let folder = try TestSupport.temporaryFolder()
        let loud = try loudRender(to: folder + "/loud.wav", normalized: true)
        let file = try TestSupport.readBack(folder + "/loud.wav")
        // 16-bit samples read back as x/32768: the peak is one part in 32768 low at most.
        let peak = 20 * log10(Double(file.peak) * 32768 / 32767)
        #expect(abs(peak - -1) < 0.1, "peak \(peak) dBFS")
        #expect(abs(loud.level.peakDBFS - -1) < 0.01)
        #expect(loud.clippedSamples == 0)
        #expect(loud.gain < 1)

        // A quiet render is raised to the same peak.
        let quiet = try RenderFile(path: folder + "/quiet.wav", format: .wav, overwrite: false).renderNormalized(
            Timeline(task: TestSupport.spacedTask(notes: 2)), toPeak: -1, makeRenderer: renderers())
        let quietPeak = 20 * log10(Double(try TestSupport.readBack(folder + "/quiet.wav").peak) * 32768 / 32767)
        #expect(abs(quietPeak - -1) < 0.1, "peak \(quietPeak) dBFS")
        #expect(quiet.gain > 1)
    }

    @Test func normalizeChecksTheTargetBeforeRendering() throws {
        let folder = try TestSupport.temporaryFolder()
        try Data("precious".utf8).write(to: URL(fileURLWithPath: folder + "/keep.wav"))
        var made = 0
        let make = renderers()
        #expect(throws: RenderError.self) {
            try RenderFile(path: folder + "/keep.wav", format: .wav, overwrite: false).renderNormalized(
                Timeline(task: TestSupport.spacedTask(notes: 1)), toPeak: -1, makeRenderer: { () throws(RenderError) in
                    made += 1
                    return try make()
                })
        }
        // One renderer made (to learn the rate), none rendered with: the refusal came first.
        #expect(made == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["keep.wav"])
    }
}
