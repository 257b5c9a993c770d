// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FoundationEssentials
import Glibc
import MIDITask
import Sequencer

/// Real songs of annotated beat: the POP909 development set the tests carry
/// (`Tests/SequencerTests/Fixtures/pop909`), each as written and as
/// transcribed from audio, and how an estimate scores on them.
///
/// The scoring is the set's own (`score.py`): the tempo within 2 % of the
/// annotated one; the first bar (`firstBeat`) within 40 ms of an annotated
/// beat (the phase) and of an annotated bar line (the downbeat), the grid
/// extended by its first or last interval outside the annotation; the meter.
public enum RealTempoSet {
    public enum Version: String, Sendable, CaseIterable { case symbolic, transcribed }

    public struct Song: Sendable {
        /// POP909's song number, "001" to "591".
        public var number: String
        public var version: Version
        public var instruments: [Instrument]
        public var bpm: Double
        public var beatsPerBar: Int
        /// Annotated beats and bar lines, nanoseconds.
        public var beats: [Int64]
        public var downbeats: [Int64]
    }

    /// The copy in this source tree, found from this file's place in it.
    public static var bundledDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/SequencerTests/Fixtures/pop909")
    }

    public struct LoadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Every song of `directory` in both versions, by song number.
    public static func load(from directory: URL = bundledDirectory) throws -> [Song] {
        let truthURL = directory.appendingPathComponent("truth.txt")
        guard let truth = try? String(contentsOf: truthURL, encoding: .utf8) else {
            throw LoadError(description: "cannot read \(truthURL.path)")
        }
        var songs: [Song] = []
        for line in truth.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 3, let bpm = Double(fields[1]), let meter = Int(fields[2]) else {
                throw LoadError(description: "\(truthURL.path): bad line \(line.prefix(40))")
            }
            var beats: [Int64] = [], downbeats: [Int64] = []
            for field in fields.dropFirst(3) {
                let bar = field.hasPrefix("|")
                guard let ms = Int64(bar ? field.dropFirst() : field) else {
                    throw LoadError(description: "\(truthURL.path): bad beat \(field)")
                }
                beats.append(ms * 1_000_000)
                if bar { downbeats.append(ms * 1_000_000) }
            }
            let number = String(fields[0])
            for version in Version.allCases {
                let url = directory.appendingPathComponent("\(version.rawValue)/\(number).txt")
                songs.append(Song(number: number, version: version, instruments: try instruments(url), bpm: bpm,
                                  beatsPerBar: meter, beats: beats, downbeats: downbeats))
            }
        }
        return songs
    }

    /// One song file: "i NAME" starts an instrument; each note is "pitch
    /// start length velocity", the start in ms after the instrument's previous
    /// note, the length in ms, the velocity 1–127.
    static func instruments(_ url: URL) throws -> [Instrument] {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw LoadError(description: "cannot read \(url.path)")
        }
        var instruments: [Instrument] = []
        var time: Int64 = 0
        for line in text.split(separator: "\n") {
            if line.hasPrefix("i ") {
                instruments.append(Instrument(name: String(line.dropFirst(2)), notes: []))
                time = 0
                continue
            }
            let f = line.split(separator: " ")
            guard f.count == 4, !instruments.isEmpty, let pitch = UInt8(f[0]), let delta = Int64(f[1]),
                  let length = Int64(f[2]), let velocity = Double(f[3]) else {
                throw LoadError(description: "\(url.path): bad line \(line.prefix(40))")
            }
            time += delta
            instruments[instruments.count - 1].notes.append(
                Note(pitch: pitch, start: time * 1_000_000, end: (time + length) * 1_000_000, velocity: velocity / 127))
        }
        return instruments
    }

    /// How one estimate fares against one song's annotation.
    public struct Result: Sendable {
        public var song: Song
        public var bpm: Double?
        public var confidence: Double?
        /// The runner-up the estimate names, if any.
        public var alternative: TempoEstimate.Alternative?
        public var tempo = false, octave = false, beat = false, bar = false, meter = false
        /// Distance of the first bar from the annotated beat and bar grids, ns.
        public var beatError: Int64?, barError: Int64?

        public init(song: Song, estimate: TempoEstimate?) {
            self.song = song
            guard let estimate else { return }
            // As `info --json` reports them.
            let bpm = (estimate.bpm * 10).rounded() / 10
            let first = Int64((Double(estimate.firstBeat) / 1e6).rounded()) * 1_000_000
            self.bpm = bpm
            confidence = estimate.confidence
            alternative = estimate.alternative
            tempo = abs(bpm / song.bpm - 1) <= 0.02
            octave = [1.0, 2, 0.5].contains { abs(bpm / (song.bpm * $0) - 1) <= 0.02 }
            beatError = RealTempoSet.gridError(first, song.beats)
            barError = RealTempoSet.gridError(first, song.downbeats)
            beat = beatError.map { $0 <= 40_000_000 } ?? false
            bar = barError.map { $0 <= 40_000_000 } ?? false
            meter = estimate.beatsPerBar == song.beatsPerBar
        }
    }

    /// Shares of songs right on each count.
    public struct Score: Sendable {
        public var songs = 0, tempo = 0, octave = 0, beat = 0, bar = 0, meter = 0
        /// Tempo misses, and those among them with a confidence below `TempoEstimate.reliable`.
        public var misses = 0, warnedMisses = 0

        public init(_ results: [Result]) {
            for r in results {
                songs += 1
                if r.tempo { tempo += 1 } else {
                    misses += 1
                    if (r.confidence ?? 0) < TempoEstimate.reliable { warnedMisses += 1 }
                }
                if r.octave { octave += 1 }
                if r.beat { beat += 1 }
                if r.bar { bar += 1 }
                if r.meter { meter += 1 }
            }
        }

        public func share(_ count: Int) -> Double { songs == 0 ? 0 : Double(count) / Double(songs) }
    }

    /// Distance from `time` to the nearest point of `grid`, extended before
    /// and after it by its first and last interval.
    static func gridError(_ time: Int64, _ grid: [Int64]) -> Int64? {
        guard let first = grid.first, let last = grid.last else { return nil }
        func periodic(_ distance: Int64, _ period: Int64) -> Int64 {
            let phase = ((distance % period) + period) % period
            return min(phase, period - phase)
        }
        if grid.count >= 2 && time < first { return periodic(first - time, grid[1] - first) }
        if grid.count >= 2 && time > last { return periodic(time - last, last - grid[grid.count - 2]) }
        var low = 0, high = grid.count
        while low < high {
            let mid = (low + high) / 2
            if grid[mid] < time { low = mid + 1 } else { high = mid }
        }
        return [low - 1, low].filter { grid.indices.contains($0) }.map { abs(grid[$0] - time) }.min()
    }
}
