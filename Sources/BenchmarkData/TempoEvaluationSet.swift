// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FoundationEssentials
import Glibc
import MIDITask

/// Songs of known tempo, meter and first downbeat, played the way a
/// transcription comes out: onsets jittered, notes dropped, short spurious
/// notes added, a lead-in of silence and sometimes a pickup before the first
/// bar. Deterministic for a seed. What `miditask bench tempo` scores against.
public enum TempoEvaluationSet {
    public enum Style: String, CaseIterable, Sendable {
        case rock, funk, swing, halfTime = "half-time", waltz, ballad = "no-drums ballad", arpeggios, walkingBass = "walking bass"
    }

    public struct Case: Sendable {
        public var style: Style
        public var task: MIDITask
        /// True average tempo, beats to the bar, and first downbeat (ns).
        public var bpm: Double
        public var beatsPerBar: Int
        public var firstBeat: Int64
        /// Relative tempo change from the first bar to the last (0: steady).
        public var drift: Double
    }

    public static func make(count: Int, seed: UInt64 = 1) -> [Case] {
        var rng = SplitMix(seed: seed)
        return (0..<count).map { i in
            let style = Style.allCases[i % Style.allCases.count]
            return make(style, rng: &rng)
        }
    }

    static func uniform(_ range: ClosedRange<Double>, _ rng: inout SplitMix) -> Double {
        range.lowerBound + Double(rng.next() % 1_000_000) / 1_000_000 * (range.upperBound - range.lowerBound)
    }

    /// A normal deviate (Box–Muller).
    static func normal(_ rng: inout SplitMix) -> Double {
        let u = max(1e-12, uniform(0...1, &rng)), v = uniform(0...1, &rng)
        return (-2 * log(u)).squareRoot() * cos(2 * .pi * v)
    }

    /// Each style's tempos, as such music is usually played (in BPM of its beat).
    public static func tempoRange(_ style: Style) -> ClosedRange<Double> {
        switch style {
        case .rock: 90...170
        case .funk: 85...125
        case .swing: 110...190
        case .halfTime: 60...90
        case .waltz: 84...180
        case .ballad: 60...100
        case .arpeggios: 60...130
        case .walkingBass: 90...180
        }
    }

    static func make(_ style: Style, rng: inout SplitMix) -> Case {
        let range = tempoRange(style)
        let bpm = exp(uniform(log(range.lowerBound)...log(range.upperBound), &rng))
        let meter = style == .waltz ? 3 : 4
        let drift = uniform(0...1, &rng) < 0.25 ? uniform(-0.03...0.03, &rng) : 0
        let bars = Int(uniform(24...48, &rng))
        let leadIn = uniform(0...2.5, &rng)
        let jitter = uniform(0.010...0.030, &rng)
        // Beat times, drifting linearly through the song.
        let beatCount = bars * meter + 1
        var beats: [Double] = []
        var t = leadIn
        for k in 0..<beatCount {
            beats.append(t)
            t += 60 / bpm * (1 + drift * (Double(k) / Double(beatCount) - 0.5))
        }
        let averageBPM = 60 / ((beats.last! - beats.first!) / Double(beatCount - 1))
        func at(_ beat: Double) -> Double {
            // Time of a fractional beat position, by the beat grid.
            let k = min(max(0, Int(beat.rounded(.down))), beats.count - 2)
            return beats[k] + (beat - Double(k)) * (beats[k + 1] - beats[k])
        }
        var drums: [Note] = [], bass: [Note] = [], keys: [Note] = [], lead: [Note] = []
        func add(_ notes: inout [Note], _ pitch: Int, _ beat: Double, _ length: Double, _ velocity: Double) {
            let start = at(beat), end = at(beat + length)
            notes.append(Note(pitch: UInt8(pitch), start: Int64(start * 1e9), end: Int64(max(start + 0.02, end) * 1e9),
                              velocity: velocity))
        }
        let roots = [0, 5, 7, 9, 2, 0, 7, 5].map { $0 + [40, 43, 45, 38][Int(rng.next() % 4)] }
        for bar in 0..<bars {
            let b = Double(bar * meter)
            let root = roots[bar % roots.count]
            switch style {
            case .rock:
                for e in 0..<8 { add(&drums, 42, b + Double(e) / 2, 0.1, e % 2 == 0 ? 0.7 : 0.5) }
                add(&drums, 36, b, 0.1, 0.95); add(&drums, 36, b + 2, 0.1, 0.9)
                add(&drums, 38, b + 1, 0.1, 0.9); add(&drums, 38, b + 3, 0.1, 0.9)
                for q in 0..<4 { add(&bass, root, b + Double(q), 0.9, 0.8) }
                for c in [0, 4, 7] { add(&keys, root + 24 + c, b, 3.8, 0.6) }
            case .funk:
                for s in 0..<16 { add(&drums, 42, b + Double(s) / 4, 0.05, s % 4 == 0 ? 0.7 : 0.4) }
                add(&drums, 36, b, 0.1, 0.95); add(&drums, 36, b + 1.75, 0.1, 0.8); add(&drums, 36, b + 2.5, 0.1, 0.85)
                add(&drums, 38, b + 1, 0.1, 0.9); add(&drums, 38, b + 3, 0.1, 0.9)
                for (pos, off) in [(0.0, 0), (0.75, 12), (1.5, 0), (2.5, 7), (3.25, 10)] { add(&bass, root + off, b + pos, 0.25, 0.8) }
            case .swing:
                for q in 0..<4 {
                    add(&drums, 51, b + Double(q), 0.2, 0.7)
                    if q % 2 == 1 { add(&drums, 51, b + Double(q) + 2.0 / 3, 0.1, 0.5); add(&drums, 44, b + Double(q), 0.1, 0.6) }
                    add(&bass, root + [0, 4, 7, 9][q], b + Double(q), 0.9, 0.75)
                }
                add(&drums, 36, b, 0.1, 0.6)
                for e in 0..<4 { add(&lead, 64 + (e * 3) % 12, b + Double(e) + (e % 2 == 0 ? 0 : 2.0 / 3), 0.5, 0.6) }
            case .halfTime:
                // Notated at twice the tempo with the snare on 3: the felt beat (the one
                // scored) is half the notated one, hats running in its sixteenths.
                for s in 0..<16 { add(&drums, 42, b + Double(s) / 4, 0.05, s % 2 == 0 ? 0.55 : 0.4) }
                add(&drums, 36, b, 0.1, 0.95); add(&drums, 36, b + 1.25, 0.1, 0.7); add(&drums, 36, b + 2, 0.1, 0.9)
                add(&drums, 38, b + 1, 0.1, 0.95); add(&drums, 38, b + 3, 0.1, 0.95)
                add(&bass, root, b, 0.9, 0.8); add(&bass, root + 7, b + 1.25, 0.7, 0.75); add(&bass, root, b + 2, 1.9, 0.8)
                for c in [0, 3, 7] { add(&keys, root + 24 + c, b, 3.9, 0.5) }
            case .waltz:
                add(&bass, root, b, 0.9, 0.85)
                for q in 1...2 { for c in [4, 7, 12] { add(&keys, root + 24 + c, b + Double(q), 0.6, 0.55) } }
                add(&lead, 67 + (bar * 5) % 9, b, 1.8, 0.7); add(&lead, 69 + (bar * 3) % 7, b + 2, 0.9, 0.6)
            case .ballad:
                add(&bass, root, b, 1.9, 0.75); add(&bass, root + 7, b + 2, 1.9, 0.7)
                for q in 0..<4 { for c in [0, 4, 7] { add(&keys, root + 24 + c, b + Double(q), 0.9, q == 0 ? 0.65 : 0.45) } }
                for (pos, len) in [(0.0, 1.5), (1.5, 0.5), (2.0, 1.0), (3.0, 1.0)] { add(&lead, 72 + Int(rng.next() % 7), b + pos, len, 0.6) }
            case .arpeggios:
                add(&bass, root, b, 3.9, 0.7)
                let chord = [0, 4, 7, 12, 16, 12, 7, 4]
                // A pianist leans on the beats a little, the bar's first most.
                for e in 0..<8 { add(&keys, root + 24 + chord[e], b + Double(e) / 2, 0.45, e == 0 ? 0.75 : e % 2 == 0 ? 0.6 : 0.45) }
            case .walkingBass:
                for q in 0..<4 { add(&bass, root + [0, 2, 4, 5][q], b + Double(q), 0.95, q == 0 ? 0.85 : 0.7) }
                for q in [0, 2] { for c in [4, 10, 14] { add(&keys, root + 24 + c, b + Double(q) + (q == 2 ? 0.5 : 0), 1.2, 0.5) } }
            }
        }
        // A pickup before the first bar now and then.
        if uniform(0...1, &rng) < 0.4 && leadIn > 60 / bpm {
            add(&lead, 67, -1, 0.45, 0.6)
            add(&lead, 69, -0.5, 0.45, 0.6)
        }
        var parts: [(String, [Note])] = []
        if !drums.isEmpty { parts.append(("Drums", drums)) }
        parts.append((style == .walkingBass || style == .swing ? "Acoustic Bass" : "Electric Bass (finger)", bass))
        if !keys.isEmpty { parts.append(("Acoustic Grand Piano", keys)) }
        if !lead.isEmpty { parts.append(("Flute", lead)) }
        // Transcription noise: jitter, drops, debris.
        let drop = uniform(0.02...0.10, &rng)
        let debris = uniform(0.02...0.06, &rng)
        let end = beats.last!
        let instruments = parts.map { name, notes -> Instrument in
            var out: [Note] = []
            for note in notes where uniform(0...1, &rng) >= drop {
                var n = note
                let shift = Int64(normal(&rng) * jitter * 1e9)
                n.start = max(0, n.start + shift)
                n.end = max(n.start + 10_000_000, n.end + shift)
                n.velocity = min(1, max(0.05, n.velocity + normal(&rng) * 0.08))
                out.append(n)
            }
            for _ in 0..<Int(Double(notes.count) * debris) {
                let start = uniform(0...end, &rng)
                let pitch = name == "Drums" ? [42, 46, 51][Int(rng.next() % 3)] : 40 + Int(rng.next() % 40)
                out.append(Note(pitch: UInt8(pitch), start: Int64(start * 1e9),
                                end: Int64((start + uniform(0.02...0.06, &rng)) * 1e9), velocity: uniform(0.1...0.4, &rng)))
            }
            out.sort { $0.start < $1.start }
            return Instrument(name: name, notes: out)
        }
        return Case(style: style, task: MIDITask(instruments: instruments), bpm: averageBPM, beatsPerBar: meter,
                    firstBeat: Int64(leadIn * 1e9), drift: drift)
    }
}
