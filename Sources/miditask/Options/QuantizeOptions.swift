// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FoundationEssentials
import MIDITask
import Sequencer

/// Pulling the notes toward the song's beat grid: what `play`, `render` and
/// `export` share.
struct QuantizeOptions: ParsableArguments {
    @Option(name: .customLong("quantize"), help: ArgumentHelp(
        "Move note onsets toward a grid on the song's beats: \(QuantizeGrid.names.joined(separator: ", ")) (t: triplets).",
        valueName: "GRID"))
    var grid: QuantizeGrid?

    @Option(name: .customLong("quantize-strength"), help: ArgumentHelp(
        "How far toward the grid, in percent (default 100: onto it; 50: halfway).", valueName: "0-100"))
    var strength: Double?

    @Flag(name: .customLong("quantize-ends"), help: "Move note ends to the grid too (by default a note keeps its length).")
    var ends = false

    func validate() throws {
        if let strength, !(strength.isFinite && (0...100).contains(strength)) {
            throw ValidationError("--quantize-strength \(strength): expected a percentage, 0–100")
        }
        if grid == nil && (strength != nil || ends) {
            throw ValidationError("\(strength != nil ? "--quantize-strength" : "--quantize-ends") needs --quantize GRID")
        }
    }

    var isOn: Bool { grid != nil }

    /// The quantizer the options ask for, if any.
    var quantizer: Quantizer? {
        grid.map { Quantizer(grid: $0, strength: (strength ?? 100) / 100, movesEnds: ends) }
    }

    /// `task` prepared to play (see `PreparedSong`): quantized when asked, with
    /// its tempo when `needsTempo` or quantizing asks for it.
    func song(from task: MIDITask, source: SourceOptions, options: Timeline.Options, tempo: TempoOptions,
              needsTempo: Bool = false) throws -> PreparedSong {
        var request = try source.songRequest(for: task, options: options)
        request.tempo = tempo.choice
        request.needsTempo = needsTempo
        request.quantize = quantizer
        return try SourceOptions.prepare(task, request)
    }

    /// The line saying how far quantizing moved the notes of `song`, if it did.
    func summary(of song: PreparedSong) -> String? {
        guard let grid, let summary = song.quantized, let tempo = song.tempo else { return nil }
        func ms(_ ns: Double) -> String { String(cFormat: "%.1f ms", ns / 1e6) }
        var line = "quantized \(summary.notes) notes to \(grid) at \(String(cFormat: "%g", strength ?? 100)) % "
            + String(cFormat: "(%.1f BPM)", tempo.bpm)
            + ": onsets moved \(ms(summary.meanOnsetShift)) on average, at most \(ms(Double(summary.largestOnsetShift)))"
        if ends {
            line += "; ends \(ms(summary.meanEndShift)) on average, at most \(ms(Double(summary.largestEndShift)))"
        }
        return line
    }
}

extension QuantizeGrid: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var allValueStrings: [String] { names }
}
