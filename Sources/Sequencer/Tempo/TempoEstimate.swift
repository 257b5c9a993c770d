// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// What the notes say about a song's pulse: its tempo, meter and beats.
public struct TempoEstimate: Sendable, Hashable {
    /// Beats per minute, 40–240.
    public var bpm: Double
    /// Beats to a bar: 4 (4/4) or 3 (3/4).
    public var beatsPerBar: Int
    /// The first downbeat (a bar line), nanoseconds from the song's start.
    /// Notes before it are a pickup.
    public var firstBeat: Int64
    /// 0–1: the share of the notes' weight that falls on the beat grid, above
    /// what chance would put there. Below `reliable`, nothing should be built on it.
    public var confidence: Double
    /// Every beat through the song (from `firstBeat`, and the pickup's beats
    /// before it), following the song where its tempo drifts.
    public var beats: [Int64]
    /// The runner-up reading (twice or half the tempo, or a 3:2 relative)
    /// when the notes support it nearly as well; `confidence` is low then.
    public var alternative: Alternative?

    /// A tempo the notes also support, and how well (0–1, on the scale of `confidence`).
    public struct Alternative: Sendable, Hashable {
        public var bpm: Double
        public var confidence: Double
        public init(bpm: Double, confidence: Double) {
            self.bpm = bpm
            self.confidence = confidence
        }
    }

    public init(bpm: Double, beatsPerBar: Int, firstBeat: Int64, confidence: Double, beats: [Int64],
                alternative: Alternative? = nil) {
        self.bpm = bpm
        self.beatsPerBar = beatsPerBar
        self.firstBeat = firstBeat
        self.confidence = confidence
        self.beats = beats
        self.alternative = alternative
    }

    /// Below this confidence the song has no steady pulse the estimate can be trusted for.
    public static let reliable = 0.5

    public var isReliable: Bool { confidence >= Self.reliable }

    /// Where each bar starts, from the first downbeat on.
    public var barLines: [Int64] {
        guard let first = beats.firstIndex(where: { $0 >= firstBeat }) else { return [] }
        return stride(from: first, to: beats.count, by: beatsPerBar).map { beats[$0] }
    }

    /// The beat's length at the average tempo, in nanoseconds.
    public var beatLength: Int64 { Int64((60e9 / bpm).rounded()) }

    /// A steady grid at `bpm` from `firstBeat`: what a user's `--bpm`/`--first-beat` give.
    public static func fixed(bpm: Double, beatsPerBar: Int = 4, firstBeat: Int64, duration: Int64) -> TempoEstimate {
        let length = 60e9 / bpm
        var beats: [Int64] = []
        var k = -Int((Double(firstBeat) / length).rounded(.down))
        while true {
            let t = firstBeat + Int64((Double(k) * length).rounded())
            if t > duration + Int64(length) { break }
            if t >= 0 { beats.append(t) }
            k += 1
        }
        return TempoEstimate(bpm: bpm, beatsPerBar: beatsPerBar, firstBeat: firstBeat, confidence: 1, beats: beats)
    }

    /// Whether the beats keep one tempo (within 1 %) from first to last.
    public var isSteady: Bool {
        guard beats.count > 8 else { return true }
        let length = Double(beatLength)
        var worst = 0.0
        let window = 8
        var i = 0
        while i + window < beats.count {
            let local = Double(beats[i + window] - beats[i]) / Double(window)
            worst = max(worst, abs(local / length - 1))
            i += window / 2
        }
        return worst < 0.01
    }
}
