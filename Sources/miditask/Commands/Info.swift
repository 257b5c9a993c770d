// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FoundationEssentials
import MIDITask
import Sequencer

struct Info: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show a task's instruments, programs, channels, notes and warnings.")

    @OptionGroup var source: SourceOptions

    @OptionGroup var routing: RouteOptions

    @OptionGroup(title: "Tempo") var tempo: TempoOptions

    @Flag(help: "Print one JSON object instead of text.")
    var json = false

    func run() throws {
        let task = try source.loadTask()
        let timeline = try source.timeline(of: task)
        var summary = TaskSummary(task: task, timeline: timeline, tempo: tempo.tempo(of: task, timeline: timeline),
                                  tempoGiven: tempo.bpm != nil || tempo.firstBeat != nil)
        let routes = try routing.plan(for: timeline.plan)
        for i in summary.instruments.indices { summary.instruments[i].port = routes.spec(forInstrument: i) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            print(InfoText.render(summary))
        }
    }
}

/// The text form of `miditask info`.
enum InfoText {
    static func render(_ s: TaskSummary) -> String {
        var lines: [String] = []
        lines.append("Task      \(s.taskId ?? "(no id)")  [\(s.shape), \(s.state ?? "no state")]")
        lines.append("Duration  \(Columns.clock(s.durationSeconds)) (\(String(cFormat: "%.3f", s.durationSeconds)) s)")
        lines.append("Notes     \(s.noteCount) in \(s.instruments.count) instrument\(s.instruments.count == 1 ? "" : "s")")
        if let line = tempoLine(s.tempo) { lines.append("Tempo     " + line) }
        if !s.instruments.isEmpty {
            lines.append("")
            let nameWidth = max(10, s.instruments.map(\.name.count).max() ?? 0)
            let routed = s.instruments.contains { $0.port != nil }
            let rangeWidth = max(5, s.instruments.map { rangeText($0).count }.max() ?? 0)
            lines.append("  #  " + Columns.pad("Instrument", nameWidth) + "  Ch  Program                       Notes  "
                + (routed ? Columns.pad("Range", rangeWidth) + "  Port" : "Range"))
            for (i, inst) in s.instruments.enumerated() {
                let program = inst.isDrum ? "drums" : "\(inst.program) \(inst.programName)"
                let marker = inst.mapping == "guessed" || inst.mapping == "fallback" ? " *" : ""
                let range = rangeText(inst)
                lines.append(Columns.pad("\(i + 1)", 3, right: true) + "  " + Columns.pad(inst.name, nameWidth) + "  "
                    + Columns.pad("\(inst.channel)", 2, right: true) + "  " + Columns.pad(program + marker, 28) + "  "
                    + Columns.pad("\(inst.noteCount)", 5, right: true) + "  "
                    + (routed ? Columns.pad(range, rangeWidth) + "  " + (inst.port ?? "-") : range))
            }
        }
        if !s.warnings.isEmpty {
            lines.append("")
            lines.append("Warnings:")
            lines += s.warnings.map { "  - \($0)" }
        }
        return lines.joined(separator: "\n")
    }

    /// "≈ 112.0 BPM, 4/4, first beat 0.412 s (confidence 0.93)", or why there is none to trust.
    static func tempoLine(_ t: TaskSummary.TempoSummary?) -> String? {
        guard let t else { return nil }
        let text = String(cFormat: "%.1f BPM, ", t.bpm) + t.meter + String(cFormat: ", first beat %.3f s", t.firstBeatSeconds)
        if t.given { return text + " (given)" }
        if t.confidence < TempoEstimate.reliable {
            let or = t.alternative.map { String(cFormat: " or %.1f", $0.bpm) } ?? ""
            return String(cFormat: "not clear (confidence %.2f; best guess %.1f BPM", t.confidence, t.bpm) + or + "): export keeps 120 BPM"
        }
        return "≈ " + text + String(cFormat: " (confidence %.2f)", t.confidence)
    }

    private static func rangeText(_ inst: TaskSummary.InstrumentSummary) -> String {
        inst.lowestPitch.map { lo in
            let hi = inst.highestPitch!
            return "\(lo)–\(hi) (\(NoteName.of(lo))–\(NoteName.of(hi)))"
        } ?? "-"
    }
}
