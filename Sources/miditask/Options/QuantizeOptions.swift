// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Foundation
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

    /// A task ready to play: quantized when asked, with its timeline, and
    /// its tempo when `needsTempo` or quantizing asks for it.
    struct Song {
        var task: MIDITask
        var timeline: Timeline
        /// Given, or estimated and trusted; nil otherwise (and `unclear` says why).
        var tempo: TempoEstimate?
        var unclear: String
        /// How far quantizing moved the notes, to print.
        var summary: String?
    }

    func song(from task: MIDITask, source: SourceOptions, options: Timeline.Options, tempo: TempoOptions,
              needsTempo: Bool = false) throws -> Song {
        let timeline = try source.timeline(of: task, options: options)
        guard needsTempo || (isOn && timeline.noteCount > 0) else {
            return Song(task: task, timeline: timeline, tempo: nil, unclear: "", summary: nil)
        }
        let (estimate, unclear) = tempo.trusted(of: task, timeline: timeline)
        guard isOn && timeline.noteCount > 0 else {
            return Song(task: task, timeline: timeline, tempo: estimate, unclear: unclear, summary: nil)
        }
        let (moved, summary) = try apply(to: task, tempo: estimate, unclear: unclear)
        return Song(task: moved, timeline: try source.timeline(of: moved, options: options), tempo: estimate,
                    unclear: unclear, summary: summary)
    }

    /// `task` quantized over `tempo`'s beats, and a line saying how far the
    /// notes moved; `task` itself when not asked. Without a beat grid to
    /// trust (`tempo` nil), an error: notes moved to a wrong grid would be
    /// worse than notes not moved.
    private func apply(to task: MIDITask, tempo: TempoEstimate?, unclear: String) throws -> (task: MIDITask, summary: String?) {
        guard let grid else { return (task, nil) }
        guard let tempo else {
            throw ValidationError("--quantize \(grid): \(unclear); give the tempo with --bpm N (and --first-beat S)")
        }
        let quantizer = Quantizer(grid: grid, strength: (strength ?? 100) / 100, movesEnds: ends)
        let (moved, summary) = quantizer.apply(to: task, map: TempoMap(estimate: tempo, duration: task.duration))
        func ms(_ ns: Double) -> String { String(format: "%.1f ms", ns / 1e6) }
        var line = "quantized \(summary.notes) notes to \(grid) at \(String(format: "%g", strength ?? 100)) % "
            + String(format: "(%.1f BPM)", tempo.bpm)
            + ": onsets moved \(ms(summary.meanOnsetShift)) on average, at most \(ms(Double(summary.largestOnsetShift)))"
        if ends {
            line += "; ends \(ms(summary.meanEndShift)) on average, at most \(ms(Double(summary.largestEndShift)))"
        }
        return (moved, line)
    }
}

extension QuantizeGrid: ExpressibleByArgument {
    public init?(argument: String) { self.init(argument) }
    public static var allValueStrings: [String] { names }
}
