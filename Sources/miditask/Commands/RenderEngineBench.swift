// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import BenchmarkData
import FluidSynthOutput
import Foundation
import MIDITask
import Sequencer

/// The two ratios of `bench render` for stems and batches, each measured
/// within one run on generated songs, so every machine times the same work.
extension RenderBench {
    /// All stems of a 13-instrument song against one mix of it (goal ≤ 2.0).
    func stemsRatio(configuration: SynthConfiguration, folder: String) throws {
        let task = try TaskDecoder().decode(SyntheticTask.callbackJSON(notes: 13 * 150, instruments: 13, seed: 11), source: "13-instrument song")
        let timeline = Timeline(task: task)
        let threads = BatchRender.defaultThreads
        var mixTimes: [Double] = [], stemTimes: [Double] = []
        for _ in 0..<iterations {
            let t0 = Self.now()
            let file = RenderFile(path: folder + "/mix.wav", format: .wav, overwrite: true)
            _ = try RenderJob(timeline: timeline, file: file).run(configuration: configuration)
            mixTimes.append(Double(Self.now() - t0) / 1e9)

            let t1 = Self.now()
            let stems = Stem.plan(timeline, instrumentNames: task.instruments.map(\.name), directory: folder,
                                  format: .wav, sampleFormat: nil, overwrite: true).stems
            _ = try StemRender(timeline: timeline, stems: stems, mix: nil).run(configuration: configuration, threads: threads)
            stemTimes.append(Double(Self.now() - t1) / 1e9)
        }
        let mix = mixTimes.min()!, stems = stemTimes.min()!
        print(String(format: "stems:            %.3f s for 13 stems of %.1f s (%d threads) against %.3f s for the mix",
                     stems, Double(timeline.duration) / 1e9, threads, mix))
        print(String(format: "stems ratio:      %.2f (13 stems / one mix; goal <= 2.0)", stems / mix))
    }

    /// One `render … --output-dir` of 4 tasks against 4 `render -o` commands (goal ≤ 0.7).
    func batchRatio(configuration: SynthConfiguration, folder: String) throws {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var tasks: [String] = []
        for seed in 1...4 {
            let path = folder + "/batch-\(seed).json"
            try Data(SyntheticTask.callbackJSON(notes: 1_200, instruments: 8, seed: UInt64(seed))).write(to: URL(fileURLWithPath: path))
            tasks.append(path)
        }
        let common = configuration.soundFonts.flatMap { ["--soundfont", $0] } + ["--force"]
        var separate: [Double] = [], batch: [Double] = []
        for _ in 0..<iterations {
            let t0 = Self.now()
            for (i, task) in tasks.enumerated() {
                try Self.runCommand(executable, ["render", task, "-o", folder + "/single-\(i).wav"] + common)
            }
            separate.append(Double(Self.now() - t0) / 1e9)
            let t1 = Self.now()
            try Self.runCommand(executable, ["render"] + tasks + ["--output-dir", folder + "/batch"] + common)
            batch.append(Double(Self.now() - t1) / 1e9)
        }
        let one = batch.min()!, four = separate.min()!
        print(String(format: "batch:            %.3f s for 4 tasks in one command (--jobs %d) against %.3f s for 4 commands",
                     one, BatchRender.defaultThreads, four))
        print(String(format: "batch ratio:      %.2f (one batch / 4 commands; goal <= 0.7)", one / four))
    }

    static func runCommand(_ executable: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw ValidationError("miditask \(arguments.joined(separator: " ")) failed with status \(process.terminationStatus)")
        }
    }
}
