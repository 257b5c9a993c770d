// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import BenchmarkData
import CommandLineSupport
import FluidSynthOutput
import FoundationEssentials
import MIDITask
import Sequencer

/// The two ratios of `bench render` for stems and batches, each measured
/// within one run: on the task the bench was given (a real song first),
/// then on generated songs beside it, so every machine also times the same work.
extension RenderBench {
    /// All stems of the given task, then of a generated 13-instrument song,
    /// each against one mix of it (goal ≤ 2.0).
    func stemsRatios(task: MIDITask, timeline: Timeline, configuration: SynthConfiguration, folder: String) throws {
        let generated = try TaskDecoder().decode(SyntheticTask.callbackJSON(notes: 13 * 150, instruments: 13, seed: 11),
                                                 source: "13-instrument song")
        try stemsRatio(task: task, timeline: timeline, label: "this task", configuration: configuration, folder: folder)
        try stemsRatio(task: generated, timeline: Timeline(task: generated), label: "generated",
                       configuration: configuration, folder: folder)
    }

    private func stemsRatio(task: MIDITask, timeline: Timeline, label: String, configuration: SynthConfiguration,
                            folder: String) throws {
        let threads = BatchRender.defaultThreads
        let stems = Stem.plan(timeline, instrumentNames: task.instruments.map(\.name), directory: folder,
                              format: .wav, sampleFormat: nil, overwrite: true).stems
        var mixTimes: [Double] = [], stemTimes: [Double] = []
        for _ in 0..<iterations {
            let t0 = Self.now()
            let file = RenderFile(path: folder + "/mix.wav", format: .wav, overwrite: true)
            _ = try RenderJob(timeline: timeline, file: file).run(configuration: configuration)
            mixTimes.append(Double(Self.now() - t0) / 1e9)

            let t1 = Self.now()
            _ = try StemRender(timeline: timeline, stems: stems, mix: nil).run(configuration: configuration, threads: threads)
            stemTimes.append(Double(Self.now() - t1) / 1e9)
        }
        let mix = mixTimes.min()!, all = stemTimes.min()!
        print("stems (\(label)): " + String(cFormat: "%.3f s for %d stems of %.1f s (%d threads) against %.3f s for the mix",
                     all, stems.count, Double(timeline.duration) / 1e9, threads, mix))
        print("stems ratio (\(label)): " + String(cFormat: "%.2f (%d stems / one mix; goal <= 2.0)", all / mix, stems.count))
    }

    /// One `render … --output-dir` of 4 tasks against 4 `render -o` commands
    /// (goal ≤ 0.7): four copies of the given task's file when it is one,
    /// then four generated tasks.
    func batchRatios(sourcePath: String, configuration: SynthConfiguration, folder: String) throws {
        if FileManager.default.fileExists(atPath: sourcePath) {
            let copies = try (1...4).map { i in
                let path = folder + "/copy-\(i).json"
                try FileManager.default.copyItem(atPath: sourcePath, toPath: path)
                return path
            }
            try batchRatio(tasks: copies, label: "this task x4", configuration: configuration, folder: folder)
        } else {
            print("batch (this task x4): not measured, the source is not a file")
        }
        var generated: [String] = []
        for seed in 1...4 {
            let path = folder + "/batch-\(seed).json"
            try Data(SyntheticTask.callbackJSON(notes: 1_200, instruments: 8, seed: UInt64(seed))).write(to: URL(fileURLWithPath: path))
            generated.append(path)
        }
        try batchRatio(tasks: generated, label: "generated", configuration: configuration, folder: folder)
    }

    private func batchRatio(tasks: [String], label: String, configuration: SynthConfiguration, folder: String) throws {
        let executable = Self.executablePath
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
        print("batch (\(label)): " + String(cFormat: "%.3f s for %d tasks in one command (--jobs %d) against %.3f s for %d commands",
                     one, tasks.count, BatchRender.defaultThreads, four, tasks.count))
        print("batch ratio (\(label)): " + String(cFormat: "%.2f (one batch / %d commands; goal <= 0.7)", one / four, tasks.count))
    }

    static func runCommand(_ executable: String, _ arguments: [String]) throws {
        let status = try Subprocess.run([executable] + arguments).status
        guard status == 0 else {
            throw ValidationError("miditask \(arguments.joined(separator: " ")) failed with status \(status)")
        }
    }
}
