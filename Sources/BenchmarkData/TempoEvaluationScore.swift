// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Sequencer

extension TempoEvaluationSet {
    /// How estimates fare against the generated songs: what `bench tempo`
    /// prints, and what a test can check.
    public struct Score: Sendable {
        /// Songs, and those right on each count.
        public struct Counts: Sendable, Equatable {
            public var songs = 0, tempo = 0, beat = 0, meter = 0
        }

        public private(set) var byStyle: [Style: Counts] = [:]
        public private(set) var all = Counts()

        /// `estimates[i]` is the estimate for `cases[i]` (nil: none).
        public init(cases: [Case], estimates: [TempoEstimate?]) {
            precondition(cases.count == estimates.count, "an estimate for each case")
            for (c, e) in zip(cases, estimates) {
                var counts = byStyle[c.style] ?? Counts()
                counts.songs += 1
                if Self.tempoRight(e, c) { counts.tempo += 1 }
                if Self.beatRight(e, c) { counts.beat += 1 }
                if e?.beatsPerBar == c.beatsPerBar { counts.meter += 1 }
                byStyle[c.style] = counts
            }
            for counts in byStyle.values {
                all.songs += counts.songs
                all.tempo += counts.tempo
                all.beat += counts.beat
                all.meter += counts.meter
            }
        }

        /// Within 2 % of the true average tempo.
        public static func tempoRight(_ estimate: TempoEstimate?, _ c: Case) -> Bool {
            estimate.map { abs($0.bpm / c.bpm - 1) <= 0.02 } ?? false
        }

        /// The first downbeat within 40 ms.
        public static func beatRight(_ estimate: TempoEstimate?, _ c: Case) -> Bool {
            estimate.map { abs($0.firstBeat - c.firstBeat) <= 40_000_000 } ?? false
        }
    }
}
