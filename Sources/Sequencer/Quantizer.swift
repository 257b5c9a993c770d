// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// A note value notes can be pulled toward: straight or triplet, relative to
/// the beat (a quarter note in 4/4 and 3/4).
public struct QuantizeGrid: Sendable, Hashable, CustomStringConvertible {
    /// Grid points per beat: 1/4 → 1, 1/8 → 2, 1/16 → 4, 1/32 → 8, 1/8t → 3, 1/16t → 6.
    public let pointsPerBeat: Int
    /// As the user writes it: "1/16", "1/8t".
    public let description: String

    /// The values understood, as written.
    public static let names = ["1/4", "1/8", "1/16", "1/32", "1/8t", "1/16t"]

    public init?(_ text: String) {
        let name = text.lowercased()
        switch name {
        case "1/4": pointsPerBeat = 1
        case "1/8": pointsPerBeat = 2
        case "1/16": pointsPerBeat = 4
        case "1/32": pointsPerBeat = 8
        case "1/8t": pointsPerBeat = 3
        case "1/16t": pointsPerBeat = 6
        default: return nil
        }
        description = name
    }
}

/// How far quantizing moved the notes.
public struct QuantizeSummary: Sendable, Equatable {
    /// Notes looked at, and how many of them moved at all.
    public var notes = 0
    public var moved = 0
    /// Onset moves: their sum (for the mean) and the largest, in nanoseconds.
    public var totalOnsetShift: Int64 = 0
    public var largestOnsetShift: Int64 = 0
    /// The same for note ends, when they are quantized on their own.
    public var totalEndShift: Int64 = 0
    public var largestEndShift: Int64 = 0

    public var meanOnsetShift: Double { notes == 0 ? 0 : Double(totalOnsetShift) / Double(notes) }
    public var meanEndShift: Double { notes == 0 ? 0 : Double(totalEndShift) / Double(notes) }
}

/// Moves note onsets (and, when asked, note ends) toward a grid laid over a
/// song's bars, as a DAW's quantize does.
///
/// The grid is the one an exported MIDI file's bars and beats make: the
/// song's `TempoMap`, divided into the grid's note value. So it follows a
/// song that drifts (a tempo per bar), and an export of quantized notes puts
/// every note exactly on its tick. At strength 1 a note lands on its nearest
/// grid point; at 0.5 halfway there (a player's feel kept, the worst timing
/// tightened). A note keeps its length unless its end is quantized too; an
/// end never moves onto or before its own onset (then the length is kept).
/// Nothing moves before the song's start.
public struct Quantizer: Sendable {
    public var grid: QuantizeGrid
    /// 0–1: how much of the way to the grid point a note moves.
    public var strength: Double
    /// Whether note ends move to the grid on their own.
    public var movesEnds: Bool

    public init(grid: QuantizeGrid, strength: Double = 1, movesEnds: Bool = false) {
        precondition((0...1).contains(strength), "strength is 0–1")
        self.grid = grid
        self.strength = strength
        self.movesEnds = movesEnds
    }

    /// `task` with every note moved toward the grid on `map`, and what moved.
    public func apply(to task: MIDITask, map: TempoMap) -> (task: MIDITask, summary: QuantizeSummary) {
        var summary = QuantizeSummary()
        var result = task
        for i in result.instruments.indices {
            for j in result.instruments[i].notes.indices {
                let note = result.instruments[i].notes[j]
                let start = max(0, pulled(note.start, map: map))
                var end = note.end + (start - note.start)
                if movesEnds {
                    let target = pulled(note.end, map: map)
                    if target > start { end = target }
                    summary.totalEndShift += abs(end - note.end)
                    summary.largestEndShift = max(summary.largestEndShift, abs(end - note.end))
                }
                let shift = abs(start - note.start)
                summary.notes += 1
                summary.totalOnsetShift += shift
                summary.largestOnsetShift = max(summary.largestOnsetShift, shift)
                if start != note.start || end != note.end { summary.moved += 1 }
                result.instruments[i].notes[j].start = start
                result.instruments[i].notes[j].end = end
            }
            // Moves keep each note near its place, but two close notes may swap.
            result.instruments[i].notes.sort { $0.start < $1.start }
        }
        return (result, summary)
    }

    /// `time` moved `strength` of the way to its nearest grid point.
    func pulled(_ time: Int64, map: TempoMap) -> Int64 {
        // 960 ticks a beat divide evenly by every grid's points per beat.
        let step = Double(TempoMap.ticksPerBeat / Int64(grid.pointsPerBeat))
        let target = map.time(atTick: (map.exactTicks(time) / step).rounded() * step)
        return time + Int64((Double(target - time) * strength).rounded())
    }
}
