// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where beats fall: the accent each onset lends the beat it lands on.
extension TempoEstimator {
    /// How much an onset marks a beat: its durational accent (a note held
    /// long is heard as beginning something; (1 − e^(−length/scale))², after
    /// Parncutt's pulse-salience model), or its role's beat-marking weight
    /// (kick, snare, bass) when that is more; times its loudness weight.
    static func beatAccents(_ onsets: [Onset], tuning: TempoTuning) -> [Double] {
        onsets.map { onset in
            let a = 1 - exp(-Double(onset.length) / 1e9 / tuning.durationScale)
            return max(a * a, onset.anchor) * onset.weight
        }
    }

    /// The onset envelope with each onset weighed by its beat accent.
    static func accentEnvelope(_ onsets: [Onset], origin: Int64, span: Int64, tuning: TempoTuning) -> [Double] {
        var accented = onsets
        for (i, accent) in beatAccents(onsets, tuning: tuning).enumerated() { accented[i].weight = accent }
        return envelope(accented, origin: origin, span: span)
    }
}

extension TempoEstimator {
    /// The first tracked beat from which the beats keep the song's grid: 0,
    /// or the beat after the last opening beat that sits on that grid's
    /// off-beat. The tracker is free to start anywhere, and a pickup or a lone
    /// opening chord can start it half a beat off the grid the rest of the
    /// song keeps, onto which it slides a few beats later. The grid is the
    /// song body's (from a fifth of the way in, at the tempo of the 16 beats
    /// there) laid back to the start; an opening beat 0.3–0.7 of a beat from
    /// it is off-beat. A smaller drift is kept: an intro in free time or
    /// slowing into the song drifts from the body's grid, and there the
    /// tracker follows the music.
    static func settledStart(_ beats: [Int64]) -> Int {
        let anchor = beats.count / 5
        guard beats.count >= 40, anchor >= 2 else { return 0 }
        let step = Double(beats[anchor + 16] - beats[anchor]) / 16
        var settled = 0
        for i in 0..<anchor {
            let offset = abs(Double(beats[anchor]) - Double(anchor - i) * step - Double(beats[i])) / step
            let fraction = offset - offset.rounded(.down)
            if fraction > 0.3 && fraction < 0.7 { settled = i + 1 }
        }
        return settled
    }
}
