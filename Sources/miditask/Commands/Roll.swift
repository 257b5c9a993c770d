// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Glibc
import MIDITask
import PianoRoll
import Sequencer

struct Roll: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Draw a task as a piano roll: a PNG, SVG or PDF picture, or text on the terminal.")

    @OptionGroup var source: SourceOptions

    @OptionGroup(title: "Tempo") var tempo: TempoOptions

    @Option(name: .shortAndLong, help: "The picture to write: FILE.png, FILE.svg or FILE.pdf. Without it the roll is printed.")
    var output: String?

    @Option(help: "Where the roll starts, in seconds.")
    var start: Double = 0

    @Option(help: "Where the roll ends, in seconds (default: the end of the song).")
    var end: Double?

    @Option(help: "The picture's width in pixels (\(RollPicture.widthRange.lowerBound)–\(RollPicture.widthRange.upperBound)).")
    var width: Int = 1600

    @Option(help: "The picture's height in pixels (\(RollPicture.heightRange.lowerBound)–\(RollPicture.heightRange.upperBound)).")
    var height: Int = 900

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    func validate() throws {
        guard start.isFinite, start >= 0 else { throw ValidationError("--start \(start): expected seconds, 0 or more") }
        if let end {
            guard end.isFinite, end > start else {
                throw ValidationError("--end \(end): expected seconds after --start (\(start))")
            }
        }
        guard RollPicture.widthRange.contains(width) else {
            throw ValidationError("--width \(width): expected \(RollPicture.widthRange.lowerBound)–\(RollPicture.widthRange.upperBound) pixels")
        }
        guard RollPicture.heightRange.contains(height) else {
            throw ValidationError("--height \(height): expected \(RollPicture.heightRange.lowerBound)–\(RollPicture.heightRange.upperBound) pixels")
        }
        if let output { _ = try RollFormat(path: output) }
    }

    func run() throws {
        let task = try source.loadTask()
        let timeline = try source.timeline(of: task)
        printWarnings(task.warnings + timeline.warnings)
        let startTime = Int64((start * 1e9).rounded())
        if startTime >= task.duration, task.duration > 0 {
            throw ValidationError("--start \(start): the song ends at \(Columns.clock(Double(task.duration) / 1e9))")
        }
        var score = RollScore(task: task, plan: timeline.plan, start: startTime,
                              end: end.map { Int64(($0 * 1e9).rounded()) })
        // Bar lines where the tempo is known (estimated and trusted, or given).
        let song = tempo.trusted(of: task, timeline: timeline).tempo
        let barsKnown = song != nil
        if let song { score.barLines = song.barLines }
        guard let output else {
            print(TerminalRoll(score: score, width: TerminalRoll.terminalWidth()).text, terminator: "")
            return
        }
        try RollPicture(score: score, width: width, height: height).write(to: output, overwrite: force)
        let shown = score.visibleNoteCount
        printError("wrote \(output): \(width)×\(height), \(shown) " + (shown == 1 ? "note" : "notes")
            + (shown == task.noteCount ? "" : " of \(task.noteCount)") + ", \(task.instruments.count) instruments"
            + (barsKnown ? String(cFormat: ", bar lines at %.1f BPM %d/4", song!.bpm, song!.beatsPerBar) : ""))
    }
}

extension TerminalRoll {
    /// COLUMNS when set, else the terminal's width, else 80.
    static func terminalWidth() -> Int {
        if let text = getenv("COLUMNS").map({ String(cString: $0) }), let columns = Int(text), columns > 0 { return columns }
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return 80
    }
}
