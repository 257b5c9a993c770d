// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FluidSynthOutput
import FoundationEssentials

/// `render SOURCE --stems DIR [-o MIX]`: one file per instrument, as long as the mix.
struct RenderStems {
    var command: Render
    var directory: String

    func run(cancellation: RenderCancellation, interrupted: (String) -> ExitCode) throws {
        let prepared = try command.prepare(command.source)
        let format = try command.outputFormat()
        let configuration = try command.synthConfiguration(format: format)
        let instruments = prepared.task.instruments
        let plan = Stem.plan(prepared.timeline, instrumentNames: instruments.map(\.name), directory: directory,
                             format: format, sampleFormat: command.sampleFormat, overwrite: command.force)
        for index in plan.empty {
            let why = instruments[index].notes.isEmpty ? "has no notes" : "has no note left to play (muted or out of range)"
            printError("note: instrument \(index + 1) \"\(instruments[index].name)\" \(why): no stem for it")
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let mix = try command.outputPath().map {
            RenderFile(path: $0, format: format, sampleFormat: command.sampleFormat, overwrite: command.force)
        }
        let render = StemRender(timeline: prepared.timeline, stems: plan.stems, mix: mix,
                                transport: prepared.transport, normalize: command.normalize)
        let threads = command.jobs ?? BatchRender.defaultThreads
        switch Result(catching: { () throws(RenderError) in
            try render.run(configuration: configuration, threads: threads, cancellation: cancellation)
        }) {
        case .success(let results):
            if let mix { printError("wrote \(mix.path): " + RenderSummary(file: mix, result: results.mix).text) }
            for (stem, result) in zip(plan.stems, results.stems) {
                printError("wrote \(stem.file.path): " + RenderSummary(file: stem.file, result: result).text)
            }
        case .failure(.cancelled):
            throw interrupted("no stem was written")
        case .failure(let error):
            throw error
        }
    }
}
