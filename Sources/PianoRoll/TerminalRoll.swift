// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer

/// A compact piano roll as text, `width` characters wide: one row of
/// braille cells per octave (each cell two time steps by four pitch steps of
/// three semitones), one row for the drums (their keys in four groups, low
/// to high), and a time ruler underneath.
public struct TerminalRoll {
    public var score: RollScore
    public var width: Int

    /// Narrower than this, a row would have no room for notes.
    public static let minimumWidth = 30

    public init(score: RollScore, width: Int) {
        self.score = score
        self.width = max(Self.minimumWidth, width)
    }

    static let labelWidth = 5

    /// The lines, each ending in a newline.
    public var text: String {
        let columns = width - Self.labelWidth
        let dots = columns * 2
        let span = Double(max(1, score.end - score.start))
        func dot(_ time: Int64) -> Int { Int((Double(time - score.start) / span * Double(dots)).rounded(.down)) }

        // cells[row][column] holds braille dot bits.
        let octaves: [Int] = score.melodicRange.map { Array((Int($0.lowerBound) / 12...Int($0.upperBound) / 12).reversed()) } ?? []
        let drums = score.drumKeys
        var cells = Array(repeating: Array(repeating: UInt8(0), count: columns), count: octaves.count + (drums.isEmpty ? 0 : 1))
        func mark(row: Int, level: Int, from start: Int64, to end: Int64) {
            let first = max(0, dot(start)), last = min(dots - 1, max(dot(start), dot(end) - 1))
            guard first <= last else { return }
            for d in first...last {
                let bit: UInt8 = d % 2 == 0 ? [0x01, 0x02, 0x04, 0x40][level] : [0x08, 0x10, 0x20, 0x80][level]
                cells[row][d / 2] |= bit
            }
        }
        for part in score.parts {
            for note in score.visibleNotes(of: part) {
                if part.isDrum {
                    guard let index = drums.firstIndex(of: note.pitch) else { continue }
                    // Highest group on the top dot row, like the pitches above.
                    mark(row: octaves.count, level: 3 - index * 4 / drums.count, from: note.start, to: note.end)
                } else {
                    guard let row = octaves.firstIndex(of: Int(note.pitch) / 12) else { continue }
                    mark(row: row, level: 3 - Int(note.pitch) % 12 / 3, from: note.start, to: note.end)
                }
            }
        }

        var lines: [String] = []
        let seconds = Double(score.duration) / 1e9
        lines.append(String("\(score.title) — \(RollTime.clock(seconds)), \(score.parts.reduce(0) { $0 + $1.notes.count }) notes".prefix(width)))
        for (row, line) in cells.enumerated() {
            let label = row < octaves.count ? GeneralMIDI.noteName(UInt8(octaves[row] * 12)) : "Drum"
            let body = line.map { $0 == 0 ? " " : String(UnicodeScalar(0x2800 + UInt32($0))!) }.joined()
            lines.append(String(repeating: " ", count: Self.labelWidth - 1 - label.count) + label + "│" + body)
        }
        if cells.isEmpty { lines.append(String(repeating: " ", count: Self.labelWidth - 1) + "│" + " (no notes)") }

        // The ruler: a tick and an m:ss label every few columns.
        let step = RollTime.tickStep(span: span / 1e9, pixels: Double(columns), minimumSpacing: 9)
        var ruler = Array(repeating: Character("─"), count: columns)
        var labels = Array(repeating: Character(" "), count: width)
        var tick = (Double(score.start) / 1e9 / step).rounded(.up) * step
        while tick <= Double(score.end) / 1e9 + 1e-9 {
            let column = min(columns - 1, Int(((tick * 1e9 - Double(score.start)) / span * Double(columns)).rounded(.down)))
            ruler[column] = "┬"
            let label = Array(RollTime.clock(tick, step: step))
            let at = Self.labelWidth + column
            if at + label.count <= width, labels[max(0, at - 1)] == " " {
                for (i, c) in label.enumerated() { labels[at + i] = c }
            }
            tick += step
        }
        lines.append(String(repeating: " ", count: Self.labelWidth - 1) + "└" + String(ruler))
        lines.append(String(String(labels).reversed().drop(while: { $0 == " " }).reversed()))
        return lines.map { $0 + "\n" }.joined()
    }
}
