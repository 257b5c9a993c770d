// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CSndFile
import FluidSynthOutput
import Foundation
import MIDITask
import Sequencer
import Testing

/// Shared pieces of the FluidSynth tests: a SoundFont, small tasks, and
/// reading and measuring audio.
enum TestSupport {
    /// The system's GM SoundFont, else the project's own; a test that needs
    /// one fails (never skips) when there is none.
    static func soundFont() throws -> String {
        let project = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("soundfonts/miditask-gm.sf2").path
        let candidates = SoundFontLocator.defaultSystemPaths + [project]
        let found = candidates.first { FileManager.default.fileExists(atPath: $0) }
        return try #require(found, "no SoundFont: install fluid-soundfont-gm or build soundfonts/miditask-gm.sf2")
    }

    /// A synthesizer with the test SoundFont, reverb and chorus as asked.
    static func synthesizer(reverb: Bool = true, chorus: Bool = true, sampleRate: Double = 44_100,
                            gain: Double? = nil) throws -> Synthesizer {
        var c = SynthConfiguration()
        c.gain = gain
        c.soundFonts = [try soundFont()]
        c.reverb = reverb
        c.chorus = chorus
        c.sampleRate = sampleRate
        return try c.makeSynthesizer(forPlayback: false)
    }

    static func seconds(_ s: Double) -> Int64 { Int64((s * 1e9).rounded()) }

    /// Piano notes 100 ms long every `spacing` seconds from 0.2 s, rising, with a drum hit between.
    static func spacedTask(notes: Int = 6, spacing: Double = 0.4) -> MIDITask {
        var piano: [Note] = []
        var drums: [Note] = []
        for i in 0..<notes {
            let t = 0.2 + Double(i) * spacing
            piano.append(Note(pitch: UInt8(60 + i * 2), start: seconds(t), end: seconds(t + 0.1), velocity: 0.8))
        }
        drums.append(Note(pitch: 38, start: seconds(0.2 + Double(notes) * spacing), end: seconds(0.3 + Double(notes) * spacing), velocity: 0.9))
        return MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: piano),
                                      Instrument(name: "Drums", notes: drums)])
    }

    /// Far too loud: 24 piano keys struck at full velocity at once, twice.
    static func loudTask() -> MIDITask {
        var notes: [Note] = []
        for k in 0..<24 {
            let key = UInt8(36 + 2 * k)
            notes.append(Note(pitch: key, start: seconds(0.1), end: seconds(0.6), velocity: 1))
            notes.append(Note(pitch: key + 1, start: seconds(0.8), end: seconds(1.2), velocity: 1))
        }
        return MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: notes)])
    }

    /// A new empty folder under the temporary directory.
    static func temporaryFolder() throws -> String {
        let path = NSTemporaryDirectory() + "miditask-fluid-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// What libsndfile finds in an audio file, as a player would read it.
    struct ReadBack {
        /// SF_INFO.format: container | subtype.
        var format: Int32
        var rate: Int
        var channels: Int
        /// The frame count libsndfile states (an estimate for MP3).
        var statedFrames: Int
        /// Every sample decoded, interleaved, ±1 full scale.
        var samples: [Float]

        var container: Int32 { format & Int32(SF_FORMAT_TYPEMASK) }
        var subtype: Int32 { format & Int32(SF_FORMAT_SUBMASK) }
        var frames: Int { samples.count / max(1, channels) }
        var peak: Float { samples.reduce(0) { max($0, abs($1)) } }
    }

    /// Opens `path` with sf_open and decodes it whole, as floats (±1 full
    /// scale; a float file's values as stored, past full scale included).
    static func readBack(_ path: String) throws -> ReadBack {
        var info = SF_INFO()
        let file = try #require(sf_open(path, Int32(SFM_READ), &info), "libsndfile cannot open \(path): \(String(cString: sf_strerror(nil)))")
        defer { sf_close(file) }
        var samples: [Float] = []
        var chunk = [Float](repeating: 0, count: 4096 * Int(info.channels))
        while true {
            let n = Int(sf_readf_float(file, &chunk, 4096))
            if n <= 0 { break }
            samples += chunk[0..<(n * Int(info.channels))]
        }
        return ReadBack(format: info.format, rate: Int(info.samplerate), channels: Int(info.channels),
                        statedFrames: Int(info.frames), samples: samples)
    }

    /// Stereo 16-bit samples of a WAV file, read through libsndfile.
    static func readWAV(_ path: String) throws -> (rate: Int, samples: [Int16]) {
        var info = SF_INFO()
        let file = try #require(sf_open(path, Int32(SFM_READ), &info), "libsndfile cannot open \(path)")
        defer { sf_close(file) }
        try #require(info.channels == 2 && info.format & Int32(SF_FORMAT_SUBMASK) == Int32(SF_FORMAT_PCM_16),
                     "expected 16-bit stereo, got \(info.channels) channels, format \(info.format)")
        var samples = [Int16](repeating: 0, count: 2 * Int(info.frames))
        let read = sf_readf_short(file, &samples, info.frames)
        return (Int(info.samplerate), Array(samples[0..<(2 * Int(read))]))
    }

    /// RMS of the left+right mix per window of `window` frames.
    static func rmsEnvelope(_ samples: [Int16], window: Int) -> [Double] {
        let frames = samples.count / 2
        return stride(from: 0, to: frames - window + 1, by: window).map { start in
            var sum = 0.0
            for f in start..<(start + window) {
                let x = (Double(samples[2 * f]) + Double(samples[2 * f + 1])) / 2
                sum += x * x
            }
            return (sum / Double(window)).squareRoot()
        }
    }

    /// Pearson correlation over the common length.
    static func correlation(_ a: [Double], _ b: [Double]) -> Double {
        let n = min(a.count, b.count)
        guard n > 1 else { return 0 }
        let ma = a[..<n].reduce(0, +) / Double(n), mb = b[..<n].reduce(0, +) / Double(n)
        var sab = 0.0, saa = 0.0, sbb = 0.0
        for i in 0..<n {
            sab += (a[i] - ma) * (b[i] - mb); saa += (a[i] - ma) * (a[i] - ma); sbb += (b[i] - mb) * (b[i] - mb)
        }
        return sab / (saa * sbb).squareRoot()
    }

    /// Onsets in seconds. A note is a frame louder than `loud` where the
    /// 20 ms ending 10 ms earlier stayed below a third of that (one note
    /// per 100 ms at most); its onset is the first frame of the 10 ms before
    /// it that rises above twice that background.
    static func onsets(_ samples: [Int16], rate: Int, loud: Int = 300) -> [Double] {
        let frames = samples.count / 2
        let ms = rate / 1000
        var level = [Int](repeating: 0, count: frames)
        for f in 0..<frames { level[f] = max(abs(Int(samples[2 * f])), abs(Int(samples[2 * f + 1]))) }
        var blockMax = [Int](repeating: 0, count: frames / ms + 1)
        for f in 0..<frames { blockMax[f / ms] = max(blockMax[f / ms], level[f]) }
        var found: [Double] = []
        var lastOnset = -10 * rate
        for f in 0..<frames where level[f] > loud && f - lastOnset >= rate / 10 {
            let b = f / ms
            let background = b >= 11 ? blockMax[max(0, b - 30)..<(b - 10)].max()! : 0
            guard background < loud / 3 else { continue }
            var g = max(0, f - 10 * ms)
            while level[g] <= 2 * background + 5 { g += 1 }
            found.append(Double(g) / Double(rate))
            lastOnset = f
        }
        return found
    }
}
