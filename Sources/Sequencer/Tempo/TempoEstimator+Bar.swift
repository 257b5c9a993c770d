// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where bars begin: the evidence each beat gives of starting one.
extension TempoEstimator {
    /// How much each beat sounds like the start of a bar, from three kinds
    /// of evidence, each scaled by its mean over the song so that none
    /// outweighs the others by its units:
    ///
    /// - the accents that start bars: kicks and crashes, held bass and
    ///   chords (`Onset.accent`);
    /// - the bass: the lowest pitched note struck on the beat, by how long it
    ///   is held (a pianist's left hand and a bass player put the chord's root
    ///   on the bar's first beat, and hold it);
    /// - harmonic change: how different the pitch classes sounding from this
    ///   beat to the next (struck or held) are from the previous beat's
    ///   (chords change at bar lines, and at half bars, more than on the
    ///   beats between).
    static func barSalience(_ onsets: [Onset], beats: [Int64], period: Double, tuning: TempoTuning) -> [Double] {
        let window = Int64(min(70_000_000, period * 0.2))
        var accent = [Double](repeating: 0, count: beats.count)
        var bass = [Double](repeating: 0, count: beats.count)
        var chroma = [[Double]](repeating: [Double](repeating: 0, count: 12), count: beats.count)
        var lowest = [Int](repeating: 128, count: beats.count)
        var j = 0
        for onset in onsets {
            // The beat whose span (from just before it to just before the next) holds the onset.
            while j + 1 < beats.count && beats[j + 1] - window <= onset.time { j += 1 }
            guard onset.time >= beats[j] - window else { continue }
            let near = onset.time <= beats[j] + window
            if near { accent[j] += onset.accent }
            guard onset.pitched else { continue }
            let held = 1 - exp(-Double(onset.length) / 1e9 / tuning.durationScale)
            // The note sounds in every beat it reaches (8 at most), not only the one it starts in.
            var k = j
            while k < min(beats.count, j + 8) && (k == j || beats[k] < onset.time + onset.length - window) {
                chroma[k][Int(onset.pitch) % 12] += onset.weight
                k += 1
            }
            if near && Int(onset.pitch) < lowest[j] {
                lowest[j] = Int(onset.pitch)
                bass[j] = held * onset.weight
            } else if near && Int(onset.pitch) == lowest[j] {
                bass[j] = max(bass[j], held * onset.weight)
            }
        }
        var change = [Double](repeating: 0, count: beats.count)
        for i in 1..<beats.count {
            let a = chroma[i - 1], b = chroma[i]
            var dot = 0.0, na = 0.0, nb = 0.0
            for p in 0..<12 { dot += a[p] * b[p]; na += a[p] * a[p]; nb += b[p] * b[p] }
            change[i] = na > 0 && nb > 0 ? 1 - dot / (na * nb).squareRoot() : 0
        }
        func scaled(_ values: [Double]) -> [Double] {
            let mean = values.reduce(0, +) / Double(max(1, values.count))
            return mean > 0 ? values.map { $0 / mean } : values
        }
        let (a, b, c) = (scaled(accent), scaled(bass), scaled(change))
        return beats.indices.map { a[$0] + tuning.bassWeight * b[$0] + tuning.changeWeight * c[$0] }
    }
}
