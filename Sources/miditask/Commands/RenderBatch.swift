// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FluidSynthOutput
import FoundationEssentials
import MIDITask

/// `render A.json B.json … --output-dir DIR`: a file per task, side by side.
///
/// The listener's on-complete render runs this too, for one task id, so
/// every render of a task goes through `RenderJob.run`.
struct RenderBatch {
    var command: Render
    var directory: String

    func run(cancellation: RenderCancellation, interrupted: (String) -> ExitCode) throws {
        let sources = [command.source.source] + command.moreSources
        let format = try command.outputFormat()
        let folder = directory.hasSuffix("/") ? directory : directory + "/"
        let paths = sources.map { folder + Self.name(for: $0) + "." + format.fileExtension }
        // Every refusal before anything is read or rendered.
        var seen: [String: String] = [:]
        for (source, path) in zip(sources, paths) {
            if let other = seen[path] { throw ValidationError("\(other) and \(source) would both write \(path)") }
            seen[path] = source
        }
        if !command.force {
            let existing = paths.filter { FileManager.default.fileExists(atPath: $0) }
            if !existing.isEmpty {
                throw RenderError.file("write " + existing.joined(separator: ", "),
                                       (existing.count == 1 ? "it already exists" : "they already exist") + " (use --force to replace)")
            }
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let configuration = try command.synthConfiguration(format: format)

        // Reading is quick next to rendering: one task after another, each
        // failure kept for the summary.
        var failures: [Int: String] = [:]
        var jobs: [RenderJob] = [], jobTask: [Int] = []
        for (i, source) in sources.enumerated() {
            var options = command.source
            options.source = source
            do {
                let prepared = try command.prepare(options, label: sources.count > 1 ? "\(source): " : "")
                let file = RenderFile(path: paths[i], format: format, sampleFormat: command.sampleFormat, overwrite: command.force)
                jobs.append(RenderJob(timeline: prepared.timeline, file: file, transport: prepared.transport,
                                      normalize: command.normalize))
                jobTask.append(i)
            } catch {
                failures[i] = "\(error)"
            }
        }
        let outcomes = BatchRender(jobs: jobs).run(configuration: configuration,
                                                   threads: command.jobs ?? BatchRender.defaultThreads,
                                                   cancellation: cancellation)
        var lines = sources.map { _ in "" }
        var cancelled = false
        for (i, source) in sources.enumerated() {
            if let reason = failures[i] { lines[i] = "failed  \(source): \(reason)" }
        }
        for (job, (i, outcome)) in zip(jobs, zip(jobTask, outcomes)) {
            switch outcome.result {
            case .success(let result):
                lines[i] = "ok      \(sources[i]) -> \(job.file.path): " + RenderSummary(file: job.file, result: result).text
                    + String(cFormat: " (rendered in %.2f s)", outcome.seconds)
            case .failure(.cancelled):
                cancelled = true
                lines[i] = "stopped \(sources[i]): interrupted, no file written"
            case .failure(let error):
                failures[i] = "\(error)"
                lines[i] = "failed  \(sources[i]): \(error)"
            }
        }
        for line in lines { print(line) }
        let done = sources.count - failures.count - lines.filter { $0.hasPrefix("stopped") }.count
        print("\(sources.count) task\(sources.count == 1 ? "" : "s"): \(done) rendered, \(failures.count) failed"
            + (cancelled ? ", the rest interrupted" : ""))
        if cancelled { throw interrupted("unfinished files were not written") }
        if !failures.isEmpty { throw ExitCode.failure }
    }

    /// The file name for a source, without extension: the task id, or the
    /// file's name without ".json" ("stdin" for -).
    static func name(for source: String) -> String {
        if source == "-" { return "stdin" }
        if TaskSourceName.looksLikeTaskId(source), !FileManager.default.fileExists(atPath: source) { return source }
        var name = source.split(separator: "/").last.map(String.init) ?? source
        if name.lowercased().hasSuffix(".json"), name.count > 5 { name.removeLast(5) }
        return name
    }
}
