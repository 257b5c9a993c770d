// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import ProcessTesting
import Testing

/// `--quantize` on export, render and play: notes pulled onto the song's grid.
@Suite struct QuantizeCommandTests {
    /// A 100 BPM rock beat from 0.6 s with each hit `offsets[i % count]` ms off the beat.
    static func loose(_ offsets: [Double], id: String = "loose") -> String {
        var notes: [String] = []
        for i in 0..<64 {
            let beat = 0.6 + Double(i) * 0.6 / 2
            let t = beat + offsets[i % offsets.count] / 1000
            let pitch = i % 4 == 0 ? 36 : i % 4 == 2 ? 38 : 42
            notes.append(#"{"pitch": \#(pitch), "start": \#(t), "end": \#(t + 0.1), "velocity": 0.9}"#)
        }
        return #"{"task_id": "\#(id)", "data": {"state": "complete", "instruments": [{"name": "Drums", "notes": [\#(notes.joined(separator: ","))]}]}}"#
    }

    static let offsets: [Double] = [0, 18, -12, 25, -20, 7, 30, -28]

    /// Absolute ticks of every note-on in a MIDI file, as mido reads it.
    static func noteOnTicks(_ path: String) throws -> [Int] {
        let script = """
            import sys, mido
            for track in mido.MidiFile(sys.argv[1]).tracks:
                t = 0
                for m in track:
                    t += m.time
                    if m.type == "note_on" and m.velocity > 0: print(t)
            """
        let data = try Mido.read(path, with: script)
        return String(decoding: data, as: UTF8.self).split(separator: "\n").compactMap { Int($0) }
    }

    @Test func exportedNotesLandOnTheSixteenthsOfTheSongsBars() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("loose.json", Self.loose(Self.offsets))
        let plain = folder.path("plain.mid"), tight = folder.path("tight.mid")
        #expect(try CommandRunner.run(["export", task, "-o", plain]).status == 0)
        let result = try CommandRunner.run(["export", task, "-o", tight, "--quantize", "1/16"])
        #expect(result.status == 0, "\(result.stderr)")
        // 960 ticks a quarter: a sixteenth is 240.
        let before = try Self.noteOnTicks(plain), after = try Self.noteOnTicks(tight)
        #expect(before.count == 64 && after.count == 64)
        #expect(before.filter { $0 % 240 != 0 }.count >= 40, "the loose hits were not off the grid: \(before)")
        #expect(after.allSatisfy { $0 % 240 == 0 }, "\(after)")
        // Mean |offset| of the eight offsets, repeated: 17.5 ms; the largest 30 ms
        // (give or take the estimate's last tenth of a millisecond).
        let line = try #require(result.stderr.split(separator: "\n").first { $0.hasPrefix("quantized 64 notes to 1/16 at 100 % (100.0 BPM)") },
                                "\(result.stderr)")
        // The figures after "onsets moved": the mean and the largest move.
        let figures = line.split(separator: ":").last!.split(separator: " ").compactMap { Double($0) }
        #expect(figures.count == 2 && abs(figures[0] - 17.5) <= 0.2 && abs(figures[1] - 30) <= 0.2, "\(line)")
    }

    @Test func halfStrengthHalvesEveryMove() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("loose.json", Self.loose(Self.offsets))
        let result = try CommandRunner.run(["export", task, "-o", folder.path("half.mid"), "--quantize", "1/8",
                                            "--quantize-strength", "50", "--bpm", "100", "--first-beat", "0.6"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("at 50 % (100.0 BPM): onsets moved 8.8 ms on average, at most 15.0 ms"), "\(result.stderr)")
    }

    @Test func renderPlaysTheQuantizedNotes() throws {
        // The loose task quantized renders exactly as the same task written on the grid.
        let folder = try TemporaryFolder()
        let loose = try folder.write("loose.json", Self.loose(Self.offsets))
        let onGrid = try folder.write("grid.json", Self.loose([0]))
        let a = folder.path("quantized.wav"), b = folder.path("grid.wav")
        let first = try CommandRunner.run(["render", loose, "-o", a, "--quantize", "1/8", "--bpm", "100", "--first-beat", "0.6"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stderr.contains("quantized 64 notes to 1/8"))
        #expect(try CommandRunner.run(["render", onGrid, "-o", b]).status == 0)
        let audioA = try Data(contentsOf: URL(fileURLWithPath: a)), audioB = try Data(contentsOf: URL(fileURLWithPath: b))
        #expect(audioA.count > 100_000)
        #expect(audioA == audioB, "the quantized render differs from the on-grid one")
    }

    @Test func playSaysHowFarNotesMoved() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("loose.json", Self.loose(Self.offsets))
        let result = try CommandRunner.run(["play", task, "--no-ui", "--end", "1", "--audio-driver", "file",
                                            "-o", "audio.file.name=\(folder.path("play.wav"))", "--quantize", "1/16t"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("quantized 64 notes to 1/16t at 100 % (100.0 BPM)"), "\(result.stderr)")
    }

    @Test func withoutABeatToTrustQuantizingIsAnErrorThatSaysWhy() throws {
        // Notes at random times: no pulse.
        var notes: [String] = []
        var t = 0.3
        for i in 0..<60 {
            t += [0.137, 0.291, 0.053, 0.411, 0.173, 0.367, 0.089][i % 7] * Double(1 + i % 3)
            notes.append(#"{"pitch": \#(50 + i % 20), "start": \#(t), "end": \#(t + 0.2), "velocity": 0.7}"#)
        }
        let folder = try TemporaryFolder()
        let task = try folder.write("free.json", #"{"state": "complete", "instruments": [{"name": "Flute", "notes": [\#(notes.joined(separator: ","))]}]}"#)
        let out = folder.path("free.wav")
        let result = try CommandRunner.run(["render", task, "-o", out, "--quantize", "1/16"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("--quantize 1/16: the tempo is not clear (confidence"), "\(result.stderr)")
        #expect(result.stderr.contains("give the tempo with --bpm N"))
        #expect(!FileManager.default.fileExists(atPath: out))
        // Given a tempo, it goes.
        #expect(try CommandRunner.run(["render", task, "-o", out, "--quantize", "1/16", "--bpm", "90"]).status == 0)
    }

    @Test func badQuantizeOptionsAreRejected() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("loose.json", Self.loose(Self.offsets))
        let out = folder.path("x.mid")
        let grid = try CommandRunner.run(["export", task, "-o", out, "--quantize", "1/5"])
        #expect(grid.status == 64 && grid.stderr.contains("1/5"), "\(grid.stderr)")
        let strength = try CommandRunner.run(["export", task, "-o", out, "--quantize", "1/8", "--quantize-strength", "150"])
        #expect(strength.status == 64 && strength.stderr.contains("--quantize-strength 150.0: expected a percentage, 0–100"))
        let alone = try CommandRunner.run(["export", task, "-o", out, "--quantize-ends"])
        #expect(alone.status == 64 && alone.stderr.contains("--quantize-ends needs --quantize GRID"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }
}
