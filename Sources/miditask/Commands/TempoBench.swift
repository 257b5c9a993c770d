// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import BenchmarkData
import CommandLineSupport
import FoundationEssentials
import MIDITask
import Sequencer
import SystemClock

/// `miditask bench tempo`: how often the tempo estimate is right, against pretty_midi.
struct TempoBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tempo",
        abstract: "Score the tempo, meter and first-beat estimate on songs of known tempo.",
        discussion: """
            Real songs first: 60 POP909 piano arrangements with annotated beats and bar \
            lines (carried in the source tree under Tests/SequencerTests/Fixtures/pop909), \
            each as written and as transcribed from audio: the share within 2 % of the \
            annotated tempo (and at twice or half of it), the first beat and the first bar \
            within 40 ms, the meter, and how many misses said so with a confidence under 0.5.

            Then generated songs of known tempo (each style at its usual tempos, 60–190 BPM), \
            meter and first downbeat in eight styles, with and without drums, with \
            transcription noise (onset jitter, dropped notes, short spurious notes, a lead-in \
            and pickups; a quarter of them drifting), scored the same way, beside \
            pretty_midi's estimate_tempo on the same notes (run through python3 when \
            pretty_midi is installed), and the time per task.
            """)

    @Option(help: "Songs to generate (spread over the styles).")
    var tasks = 160

    @Option(help: "Seed for the generated songs.")
    var seed: UInt64 = 1

    @Flag(help: "Skip the pretty_midi baseline.")
    var noBaseline = false

    @Flag(help: "List every song whose tempo or first beat was missed.")
    var verbose = false

    @Option(help: ArgumentHelp("The folder of the real songs (default: the copy in the source tree).", valueName: "DIR"))
    var realSet: String?

    @Flag(help: "Skip the real songs.")
    var noRealSet = false

    @Option(help: ArgumentHelp("Also time the estimate on a generated task of this many notes.", valueName: "N"))
    var large = 1_000_000

    func validate() throws {
        guard (8...10_000).contains(tasks) else { throw ValidationError("--tasks \(tasks): expected 8–10000") }
        guard (0...10_000_000).contains(large) else { throw ValidationError("--large \(large): expected 0–10000000") }
    }

    func run() throws {
        if !noRealSet {
            try scoreRealSet()
            print("")
        }
        let cases = TempoEvaluationSet.make(count: tasks, seed: seed)
        // pretty_midi's tempo, right or not, per style (the estimates' own score is `TempoEvaluationSet.Score`).
        struct Score { var baseline = 0, baselineRan = 0 }
        var scores: [String: Score] = [:]
        var total = Score()
        var times: [Double] = []
        var noteCounts = 0
        var estimates: [TempoEstimate?] = []
        for c in cases {
            let plan = ChannelPlan(instruments: c.task.instruments)
            let start = MonotonicInstant.now()
            let estimate = TempoEstimator.estimate(task: c.task, plan: plan)
            times.append((MonotonicInstant.now() - start).seconds * 1000)
            noteCounts += c.task.noteCount
            estimates.append(estimate)
        }
        let baseline = noBaseline ? nil : prettyMIDITempos(cases)
        let score = TempoEvaluationSet.Score(cases: cases, estimates: estimates)
        for (i, c) in cases.enumerated() {
            var s = scores[c.style.rawValue] ?? Score()
            if verbose {
                let e = estimates[i]
                let tempoRight = TempoEvaluationSet.Score.tempoRight(e, c)
                let beatRight = TempoEvaluationSet.Score.beatRight(e, c)
                if !tempoRight || !beatRight {
                    print("miss \(c.style.rawValue) " + String(cFormat: "#%d: true %.2f BPM %d/4 first %.3f s drift %+.3f; ", i,
                                 c.bpm, c.beatsPerBar, Double(c.firstBeat) / 1e9, c.drift)
                        + (e.map { String(cFormat: "got %.2f BPM %d/4 first %.3f s conf %.2f", $0.bpm, $0.beatsPerBar,
                                          Double($0.firstBeat) / 1e9, $0.confidence) } ?? "none")
                        + (baseline.map { String(cFormat: "; pretty_midi %.2f", $0.tempos[i] ?? -1) } ?? ""))
                }
            }
            if let baseline {
                s.baselineRan += 1
                if let bpm = baseline.tempos[i], abs(bpm / c.bpm - 1) <= 0.02 { s.baseline += 1 }
            }
            scores[c.style.rawValue] = s
        }
        print("tempo: \(cases.count) songs in \(TempoEvaluationSet.Style.allCases.count) styles at their usual tempos (60–190 BPM), "
            + "jitter 10–30 ms, 2–10 % of notes dropped, 2–6 % spurious, lead-ins and pickups, a quarter drifting up to ±3 %")
        print(pad("style", 18) + pad("songs", 6, right: true) + pad("tempo ±2 %", 13, right: true)
            + pad("1st beat ±40 ms", 17, right: true) + pad("meter", 8, right: true) + pad("pretty_midi ±2 %", 19, right: true))
        func percent(_ n: Int, _ of: Int) -> String { of == 0 ? "-" : String(cFormat: "%.0f %%", Double(n) * 100 / Double(of)) }
        for style in TempoEvaluationSet.Style.allCases {
            guard let c = score.byStyle[style] else { continue }
            let s = scores[style.rawValue] ?? Score()
            total.baseline += s.baseline; total.baselineRan += s.baselineRan
            print(row(style.rawValue, c.songs, percent(c.tempo, c.songs), percent(c.beat, c.songs), percent(c.meter, c.songs),
                      baseline == nil ? "-" : percent(s.baseline, s.baselineRan)))
        }
        let all = score.all
        print(row("all", all.songs, percent(all.tempo, all.songs), percent(all.beat, all.songs),
                  percent(all.meter, all.songs), baseline == nil ? "-" : percent(total.baseline, total.baselineRan)))
        let mean = times.reduce(0, +) / Double(times.count)
        var line = String(cFormat: "ours: %.2f ms a song on average (%d notes), max %.2f ms", mean,
                          noteCounts / max(1, cases.count), times.max() ?? 0)
        if let baseline { line += String(cFormat: "; pretty_midi: %.2f ms a song", baseline.seconds * 1000 / Double(cases.count)) }
        print(line)
        if baseline == nil && !noBaseline { print("pretty_midi baseline skipped: python3 with pretty_midi not found (pip install pretty_midi)") }
        if large > 0 {
            let task = try TaskDecoder().decode(SyntheticTask.callbackJSON(notes: large, instruments: 8), source: "generated")
            let plan = ChannelPlan(instruments: task.instruments)
            let start = MonotonicInstant.now()
            let estimate = TempoEstimator.estimate(task: task, plan: plan)
            let ms = (MonotonicInstant.now() - start).seconds * 1000
            print(String(cFormat: "%d notes (%.0f s of song): %.0f ms", large, Double(task.duration) / 1e9, ms)
                + (estimate.map { String(cFormat: ", confidence %.2f (random notes: no pulse)", $0.confidence) } ?? ""))
        }
    }

    /// The POP909 songs' scores, as written and transcribed, printed before the generated set's.
    private func scoreRealSet() throws {
        let directory = realSet.map { URL(fileURLWithPath: $0) } ?? RealTempoSet.bundledDirectory
        let songs: [RealTempoSet.Song]
        do { songs = try RealTempoSet.load(from: directory) } catch {
            print("real songs skipped: \(error)")
            return
        }
        var results: [RealTempoSet.Result] = []
        var times: [Double] = []
        for song in songs {
            let task = MIDITask(instruments: song.instruments)
            let plan = ChannelPlan(instruments: task.instruments)
            let start = MonotonicInstant.now()
            let estimate = TempoEstimator.estimate(task: task, plan: plan)
            times.append((MonotonicInstant.now() - start).seconds * 1000)
            let result = RealTempoSet.Result(song: song, estimate: estimate)
            results.append(result)
            if verbose && !(result.tempo && result.beat && result.bar) {
                print("miss \(song.version.rawValue) \(song.number): "
                    + String(cFormat: "true %.1f BPM; got %.1f BPM conf %.2f", song.bpm, result.bpm ?? 0, result.confidence ?? 0)
                    + ", first bar \(result.beatError.map { "\($0 / 1_000_000)" } ?? "-") ms off the beats, "
                    + "\(result.barError.map { "\($0 / 1_000_000)" } ?? "-") ms off the bars")
            }
        }
        print("real songs: \(songs.count / 2) POP909 piano arrangements (annotated beats and bars), as written and transcribed")
        print(pad("version", 13) + pad("songs", 6, right: true) + pad("tempo ±2 %", 12, right: true) + pad("×2 or ½", 9, right: true)
            + pad("beat ±40 ms", 13, right: true) + pad("bar ±40 ms", 12, right: true) + pad("meter", 7, right: true)
            + pad("misses < 0.5", 14, right: true))
        func percent(_ n: Int, _ of: Int) -> String { of == 0 ? "-" : String(cFormat: "%.0f %%", Double(n) * 100 / Double(of)) }
        for version in RealTempoSet.Version.allCases {
            let s = RealTempoSet.Score(results.filter { $0.song.version == version })
            print(pad(version.rawValue, 13) + pad("\(s.songs)", 6, right: true) + pad(percent(s.tempo, s.songs), 12, right: true)
                + pad(percent(s.octave, s.songs), 9, right: true) + pad(percent(s.beat, s.songs), 13, right: true)
                + pad(percent(s.bar, s.songs), 12, right: true) + pad(percent(s.meter, s.songs), 7, right: true)
                + pad("\(s.warnedMisses) of \(s.misses)", 14, right: true))
        }
        times.sort()
        print(String(cFormat: "ours: %.2f ms a song (median), max %.2f ms", times[times.count / 2], times.last ?? 0))
    }

    /// pretty_midi's estimates through python3, or nil when it cannot run.
    private func prettyMIDITempos(_ cases: [TempoEvaluationSet.Case]) -> (tempos: [Double?], seconds: Double)? {
        guard let path = Self.scriptPath() else { return nil }
        var input = ""
        for c in cases {
            let plan = ChannelPlan(instruments: c.task.instruments)
            let parts = zip(c.task.instruments, plan.assignments).map { instrument, assignment -> String in
                let notes = instrument.notes.map { n in
                    "[\(n.pitch),\(Double(n.start) / 1e9),\(Double(n.end) / 1e9),\(n.velocity)]"
                }.joined(separator: ",")
                return "{\"drum\":\(assignment.isDrum),\"notes\":[\(notes)]}"
            }
            input += "{\"instruments\":[\(parts.joined(separator: ","))]}\n"
        }
        guard let run = try? Subprocess.run(["/usr/bin/env", "python3", path], input: Array(input.utf8), output: .capture),
              run.status == 0 else { return nil }
        let output = String(decoding: run.output, as: UTF8.self)
        let lines = output.split(separator: "\n")
        guard lines.count == cases.count + 1, let last = lines.last, last.hasPrefix("seconds ") else { return nil }
        return (lines.dropLast().map { Double($0) }, Double(last.dropFirst(8)) ?? 0)
    }

    /// scripts/bench/pretty_midi_tempo.py in the source tree the binary was built from, or beside the working directory.
    static func scriptPath() -> String? {
        let relative = "scripts/bench/pretty_midi_tempo.py"
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<6 {
            let candidate = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            folder.deleteLastPathComponent()
        }
        let here = FileManager.default.currentDirectoryPath + "/" + relative
        return FileManager.default.fileExists(atPath: here) ? here : nil
    }

    private func row(_ name: String, _ n: Int, _ tempo: String, _ beat: String, _ meter: String, _ base: String) -> String {
        pad(name, 18) + pad("\(n)", 6, right: true) + pad(tempo, 13, right: true) + pad(beat, 17, right: true)
            + pad(meter, 8, right: true) + pad(base, 19, right: true)
    }

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
