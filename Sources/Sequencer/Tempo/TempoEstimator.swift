// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import MIDITask

/// Finds a song's tempo, meter and beats from its notes alone.
///
/// 1. Every note onset becomes a weighted impulse: drums weigh most (kick and
///    snare above hats), then bass, then the rest; quiet notes and very short
///    melodic notes (transcription debris) weigh less. Impulses are summed
///    into 10 ms bins and smoothed (σ 20 ms), so onset jitter of tens of
///    milliseconds still lines up. Each onset also carries how much it
///    marks a beat (kick, snare, bass, sustained notes) as opposed to filling
///    the time between (hats, rides, short upper notes): the anchors.
/// 2. The envelope's autocorrelation at every beat length from 240 to 40 BPM,
///    each with half of its value at twice the length (a beat recurs in bars
///    too), times a prior: a log-normal centred on `preferredBPM`, one octave
///    wide. Between two candidates an octave apart the evidence usually ties
///    (an eighth-note pulse repeats at the quarter too); the prior then picks
///    the one nearest the tempo listeners tap most readily (studies of
///    tapping put it near 100–120 BPM), which is also where most popular
///    music is notated.
///    Then corrections by the anchors (`bestFitting`, `beatLevel`,
///    `salientLevel`, which also weighs how long the notes are held):
///    a 3:4 or 4:3 relative replaces the pulse when the anchors line up
///    clearly better on its grid (syncopation can make a dotted pulse recur
///    more than the beat); and the beat is the fastest multiple of the pulse
///    whose points are all strong, judged by alternation of strong and weak
///    points, whether the bass and drums fill every point, how long the bass
///    holds its notes, and how fast the level is.
/// 3. The tempo is refined (±2 %, 0.05 % steps) by the strength of the
///    onsets' phase-aligned sum at that period; the beat's phase is where in
///    the period the onsets cluster most.
/// 4. Beats are tracked through the song by dynamic programming (each beat
///    on strong onsets, each gap near the period), so a drifting song keeps
///    its grid.
/// 5. The meter and downbeat: for 4 and 3 beats to a bar, and each offset,
///    how much more bar-starting weight (kicks, crashes, bass and long notes;
///    the lowest note struck; harmonic change: `barSalience`) falls on the
///    candidate downbeats than on the other beats; 4/4 wins ties, and so
///    does the earlier offset. The first bar reported is the first from
///    which the beats keep the song's grid (`settledStart`).
/// 6. Confidence: the share of onset weight within 60 ms of a beat or half
///    beat, above the share chance would give.
///
/// Linear in the notes and the song's length: a few milliseconds for a
/// 5,000-note song.
public enum TempoEstimator {
    /// How an instrument counts toward the pulse.
    public enum Role: Sendable { case drums, bass, other }

    public struct Part: Sendable {
        public var notes: [Note]
        public var role: Role
        public init(notes: [Note], role: Role) {
            self.notes = notes
            self.role = role
        }
    }

    /// The tempo range searched.
    public static let bpmRange: ClosedRange<Double> = 40...240
    /// The prior's centre.
    public static let preferredBPM = 110.0

    static let bin: Int64 = 10_000_000

    struct Onset {
        var time: Int64
        var weight: Double
        /// How much the onset suggests the start of a bar.
        var accent: Double
        /// How much the onset marks a beat rather than filling in between:
        /// kick and snare, the bass, sustained notes; not hats and cymbals, which
        /// keep the subdivisions, nor short upper notes (runs, arpeggios).
        var anchor: Double
        /// How long the note sounds, ns.
        var length: Int64 = 0
        var pitch: UInt8 = 0
        /// Not a drum: its pitch is a pitch.
        var pitched = false
    }

    public static func estimate(_ parts: [Part]) -> TempoEstimate? {
        estimate(parts, tuning: .standard)
    }

    static func estimate(_ parts: [Part], tuning: TempoTuning) -> TempoEstimate? {
        var onsets: [Onset] = []
        for part in parts {
            for note in part.notes {
                let velocity = min(max(note.velocity, 0), 1)
                let length = note.end - note.start
                var weight = 0.4 + 0.6 * velocity
                var accent = 0.0, anchor = 0.0
                switch part.role {
                case .drums:
                    switch note.pitch {
                    case 35, 36: weight *= 1.0; accent = 1.0; anchor = 1.0          // kicks
                    case 38, 40, 37, 39: weight *= 0.9; accent = 0.0; anchor = 1.0  // snares, claps: the backbeat
                    case 49, 57, 55, 52: weight *= 0.7; accent = 1.0; anchor = 0.5  // crashes
                    case 42, 44, 46: weight *= 0.45; accent = 0.05                  // hats
                    case 51, 53, 59: weight *= 0.55; accent = 0.1                   // rides
                    default: weight *= 0.55; accent = 0.1; anchor = 0.2
                    }
                case .bass:
                    weight *= 0.8
                    accent = length >= 200_000_000 ? 0.8 : 0.4
                    anchor = 0.6
                case .other:
                    weight *= length < 50_000_000 ? 0.15 : 0.5
                    accent = length >= 400_000_000 ? 0.4 : 0.05
                    anchor = length >= 200_000_000 ? 0.3 : 0
                }
                let loudness = 0.4 + 0.6 * velocity
                onsets.append(Onset(time: note.start, weight: weight, accent: accent * loudness, anchor: anchor * loudness,
                                   length: length, pitch: note.pitch, pitched: part.role != .drums))
            }
        }
        guard onsets.count >= 8 else { return nil }
        onsets.sort { $0.time < $1.time }
        let origin = onsets.first!.time
        let span = onsets.last!.time - origin
        guard span >= 2_000_000_000 else { return nil }

        let envelope = Self.envelope(onsets, origin: origin, span: span)
        guard let found = coarseBPM(envelope) else { return nil }
        // The searches below cost a sine per onset and candidate: past 20,000
        // onsets an even sample of them tells the same.
        let sample = onsets.count <= 20_000 ? onsets
            : stride(from: 0, to: onsets.count, by: (onsets.count + 19_999) / 20_000).map { onsets[$0] }
        let fitting = bestFitting(sample, around: found)
        let pulse = beatLevel(sample, around: fitting, bassSpacing: bassSpacing(parts))
        let statedBeat = parts.contains { ($0.role == .drums || $0.role == .bass) && $0.notes.count >= 8 }
        let level = salientLevel(sample, around: pulse, statedBeat: statedBeat, tuning: tuning)
        let coarse = level.bpm
        let (scanned, phase) = refine(sample, around: coarse)
        let bpm = fitted(onsets, bpm: scanned, phase: phase)
        let period = 60e9 / bpm
        // At a level chosen by accent, the onsets fill the off-beats as much
        // as the beats: the beats are tracked where the held notes begin.
        let beats = track(level.chosenByAccent ? accentEnvelope(onsets, origin: origin, span: span, tuning: tuning) : envelope,
                          origin: origin, period: period, phase: phase, span: span)
        guard beats.count >= 4 else { return nil }
        var (meter, downbeatIndex) = meterAndDownbeat(onsets, beats: beats, period: period, tuning: tuning)
        // The first bar is reported where the beats keep the song's grid: an off-beat opening becomes a pickup.
        let settled = settledStart(beats)
        while downbeatIndex < settled && downbeatIndex + meter < beats.count { downbeatIndex += meter }
        var confidence = Self.confidence(onsets, beats: beats)
        // A runner-up nearly as good makes the reading uncertain, however well the notes sit on its grid.
        var alternative: TempoEstimate.Alternative?
        if let runnerUp = level.runnerUp, runnerUp.margin < tuning.clearMargin {
            let clarity = runnerUp.margin / tuning.clearMargin
            let alternativeBPM = bpm * runnerUp.bpm / coarse
            confidence = min(confidence, TempoEstimate.reliable * (0.5 + 0.48 * clarity))
            alternative = .init(bpm: alternativeBPM, confidence: confidence * exp(-runnerUp.margin))
        }
        // The beats before the first downbeat are the pickup's; the grid runs on from it.
        return TempoEstimate(bpm: bpm, beatsPerBar: meter, firstBeat: beats[downbeatIndex], confidence: confidence,
                             beats: beats, alternative: alternative)
    }

    // MARK: The onset envelope

    static func envelope(_ onsets: [Onset], origin: Int64, span: Int64) -> [Double] {
        let count = Int(span / bin) + 8
        var raw = [Double](repeating: 0, count: count)
        for onset in onsets {
            raw[Int((onset.time - origin + bin / 2) / bin)] += onset.weight
        }
        // A bin's chord counts, but not as many times as it has notes.
        for i in raw.indices where raw[i] > 0 { raw[i] = raw[i].squareRoot() }
        // Gaussian smoothing, σ = 2 bins.
        let kernel = (-5...5).map { d in exp(-Double(d * d) / 8) }
        var smooth = [Double](repeating: 0, count: count)
        for i in raw.indices where raw[i] > 0 {
            for (k, w) in kernel.enumerated() {
                let j = i + k - 5
                if j >= 0 && j < count { smooth[j] += raw[i] * w }
            }
        }
        return smooth
    }

    // MARK: Tempo

    /// The best beat length by autocorrelation and the prior, as BPM.
    static func coarseBPM(_ envelope: [Double]) -> Double? {
        let minLag = Int((60e9 / bpmRange.upperBound / Double(bin)).rounded(.down))
        let maxLag = Int((60e9 / bpmRange.lowerBound / Double(bin)).rounded(.up)) * 2 + 2
        // The pulse from the first 10 minutes at most (the beat tracking still covers everything).
        let window = envelope.prefix(60_000)
        let mean = window.reduce(0, +) / Double(window.count)
        let centred = window.map { $0 - mean }
        var acf = [Double](repeating: 0, count: maxLag + 1)
        let n = centred.count
        for lag in minLag...maxLag {
            var sum = 0.0
            var i = 0
            while i + lag < n {
                sum += centred[i] * centred[i + lag]
                i += 1
            }
            acf[lag] = sum / Double(n - lag)
        }
        func acfAt(_ lag: Double) -> Double {
            let i = Int(lag), f = lag - Double(i)
            guard i + 1 < acf.count else { return 0 }
            return acf[i] * (1 - f) + acf[i + 1] * f
        }
        var best: (bpm: Double, score: Double)?
        var bpm = bpmRange.lowerBound
        while bpm <= bpmRange.upperBound {
            let lag = 60e9 / bpm / Double(bin)
            let evidence = acfAt(lag) + 0.5 * acfAt(2 * lag)
            let octaves = log2(bpm / preferredBPM)
            let score = evidence * exp(-0.5 * octaves * octaves)
            if score > (best?.score ?? 0) { best = (bpm, score) }
            bpm *= 1.002
        }
        return best?.bpm
    }

    /// The found pulse, or a 3:4 or 4:3 relative of it when the beat-marking
    /// onsets (kick, snare, bass, sustained notes) line up clearly better on
    /// that one's beats. Syncopation (a funk bass on the "e" of 2, a kick on
    /// the "a" of 2) can make a dotted pulse recur more often than the beat
    /// does, but the backbeat and most kicks and bass notes still land on the
    /// beat, and on a grid 3:4 or 4:3 off they fall on a different part of it
    /// in each bar and cancel out.
    static func bestFitting(_ onsets: [Onset], around found: Double) -> Double {
        let anchors = onsets.filter { $0.anchor > 0 }
        guard anchors.count >= 8 else { return found }
        // A pulse and its double count as one reading: the found pulse may be
        // half the beat (a waltz read at a beat and a half), and then only its
        // double shows the anchors in line.
        func strength(_ bpm: Double) -> Double {
            max(scan(anchors, around: bpm, byAnchor: true).strength, scan(anchors, around: bpm * 2, byAnchor: true).strength)
        }
        var best = (bpm: found, strength: strength(found))
        let foundStrength = best.strength
        for ratio in [0.75, 4.0 / 3] {
            let bpm = found * ratio
            guard bpmRange.contains(bpm) else { continue }
            let strength = strength(bpm)
            if strength > max(best.strength, foundStrength * 1.3 + 0.03) { best = (bpm, strength) }
        }
        return best.bpm
    }

    /// Which multiple of a found pulse is the beat: the fastest level (within
    /// the range) at which every beat has a strong onset. At the level of a
    /// subdivision every other point is weak (the "and"s: hats, passing
    /// notes); at the beat both alternating beats are strong (kick and snare,
    /// bass and chord). The alternation is measured as the ratio of the weaker
    /// to the stronger class of grid points; 0.55 and up passes, and a level
    /// faster than `preferredBPM` needs more (0.45 more per octave): a fast
    /// even pulse (a funk groove's eighths, a steady arpeggio) is more often
    /// a subdivision than the beat.
    ///
    /// Two things overrule the tempo. A pulse the anchors alone fill (bass or
    /// drums on 85 % of its points, the weaker class at least 0.7 of the
    /// stronger: a walking bass) is the beat however fast, since bass and
    /// drums state the beat and leave the subdivisions to lighter parts; in a
    /// groove's eighths the kick, snare and bass leave many points empty. And
    /// a level above `preferredBPM` at which the bass moves only every 5.5
    /// points or more is a subdivision, since a bass note seldom outlasts a
    /// bar of 3 or 4 beats (an arpeggio's eighths over a bass note a bar
    /// long). When no level passes, the found pulse stays.
    static func beatLevel(_ onsets: [Onset], around found: Double, bassSpacing: Double?) -> Double {
        var levels: [Double] = []
        for factor in [4.0, 2.0, 1.0, 0.5, 0.25] {
            let bpm = found * factor
            if bpmRange.contains(bpm) { levels.append(bpm) }
        }
        for bpm in levels {
            if bpm > preferredBPM, let bassSpacing, bassSpacing / (60e9 / bpm) > 5.5 { continue }
            let (refined, phase) = refine(onsets, around: bpm)
            let needed = 0.55 + 0.45 * max(0, log2(bpm / preferredBPM))
            let all = alternation(onsets, bpm: refined, phase: phase, byAnchor: false)
            let anchors = alternation(onsets, bpm: refined, phase: phase, byAnchor: true)
            if all.ratio >= needed { return bpm }
            if all.ratio >= 0.55 && anchors.ratio >= 0.7 && anchors.filled >= 0.85 { return bpm }
        }
        return found
    }

    /// The level (`pulse` times 2, 1 or ½) whose grid points carry the most
    /// accent, weighed by how near it lies to the tempi listeners feel, and
    /// the runner-up with how far behind it is (in log units: 0 ties).
    ///
    /// Why: without drums or a bass part (a piano arrangement, a transcription
    /// of a mix into one piano), the densest pulse is usually the eighth note,
    /// and `beatLevel` takes it as the beat: 36 of 60 POP909 songs came out at
    /// twice their tempo. What marks the beat there is where long notes begin:
    /// a melody's held notes, the chords and bass the left hand holds. So each
    /// note counts by its durational accent (1 − e^(−length/0.5 s), squared:
    /// an eighth at 60 BPM weighs 0.4 of a whole-beat note; the shape after
    /// Parncutt's model of pulse salience), drums and bass by their usual
    /// beat-marking weight when that is more; the level's score is the mean
    /// accent per grid point (a subdivision's extra points dilute it) times a
    /// log-normal preference centred near 100 BPM (tapping studies put the
    /// most natural pulse near 100–120 BPM; pop ballads sit below it), 0.8
    /// octave wide, and times a second log-normal centred on the tempo the
    /// notes' lengths point to (`durationEvidence`), which tells an eighth-note
    /// ballad from a quarter-note song at twice its tempo. The level that wins
    /// by little has a runner-up the caller reports, with a low confidence.
    /// There the beats are tracked on the accents too (`accentEnvelope`): the
    /// onsets fill the off-beats as much as the beats.
    ///
    /// Left to `beatLevel` when drums or a bass part state the beat: kick,
    /// snare and bass fill every beat and leave the subdivisions to lighter
    /// parts, which that test reads better (on the generated set, this
    /// choice alone halves fast swing and walking-bass songs).
    static func salientLevel(_ onsets: [Onset], around pulse: Double, statedBeat: Bool, tuning: TempoTuning)
        -> (bpm: Double, runnerUp: (bpm: Double, margin: Double)?, chosenByAccent: Bool) {
        guard tuning.levelChoice, !statedBeat else { return (pulse, nil, false) }
        var weighted = onsets
        for (i, accent) in beatAccents(onsets, tuning: tuning).enumerated() { weighted[i].anchor = accent }
        let evidence = tuning.evidenceWidth > 0 ? durationEvidence(onsets) : nil
        // Each level's score from the accent on its grid and the preference,
        // and from how near it lies to the notes' lengths' tempo.
        var scored: [(bpm: Double, accent: Double, lengths: Double, clarity: Double)] = []
        for factor in [2.0, 1.0, 0.5] {
            let bpm = pulse * factor
            guard bpmRange.contains(bpm) else { continue }
            let (refined, phase) = refine(onsets, around: bpm)
            let strength = pointWeight(weighted, bpm: refined, phase: phase)
            let octaves = log2(bpm / tuning.resonanceBPM) / tuning.resonanceWidth
            let off = evidence.map { log2(bpm / $0) / tuning.evidenceWidth } ?? 0
            let accent = log(max(strength, 1e-6))
            scored.append((bpm, tuning.accentPower * accent - 0.5 * octaves * octaves, -0.5 * off * off,
                           accent - 0.5 * octaves * octaves))
        }
        scored.sort { $0.accent + $0.lengths > $1.accent + $1.lengths }
        guard let best = scored.first else { return (pulse, nil, false) }
        // How sure: the accent's own margin. Where the accent alone would
        // pick another level, the two kinds of evidence disagree: that level
        // is the runner-up, and the reading uncertain. Where it agrees, its
        // margin over its own runner-up says how clear the grid is; the
        // lengths only ever point near a level, never exactly at it.
        let byAccent = scored.sorted { $0.clarity > $1.clarity }
        if byAccent[0].bpm != best.bpm { return (best.bpm, (byAccent[0].bpm, 0), true) }
        return (best.bpm, byAccent.count > 1 ? (byAccent[1].bpm, byAccent[0].clarity - byAccent[1].clarity) : nil, true)
    }

    /// The mean accent (`anchor`) near a grid point of the grid at `bpm`,
    /// `phase`, each point's sum compressed (a chord counts, but not as many
    /// times as it has notes).
    static func pointWeight(_ onsets: [Onset], bpm: Double, phase: Double) -> Double {
        let period = 60e9 / bpm
        let offset = phase / (2 * Double.pi) * period
        let window = min(50e6, period * 0.15)
        var points: [Int: Double] = [:]
        for onset in onsets {
            let position = (Double(onset.time) - offset) / period
            let k = position.rounded()
            guard abs(position - k) * period <= window else { continue }
            points[Int(k), default: 0] += onset.anchor
        }
        guard let first = points.keys.min(), let last = points.keys.max() else { return 0 }
        return points.values.reduce(0, +) / Double(last - first + 1)
    }

    /// The typical time between the bass's notes (the median gap, ns), or nil
    /// without a bass line: short notes (debris) and notes struck together are left out.
    static func bassSpacing(_ parts: [Part]) -> Double? {
        var starts: [Int64] = []
        for part in parts where part.role == .bass {
            for note in part.notes where note.end - note.start >= 100_000_000 { starts.append(note.start) }
        }
        guard starts.count >= 8 else { return nil }
        starts.sort()
        var gaps: [Int64] = []
        for i in 1..<starts.count where starts[i] - starts[i - 1] >= 80_000_000 { gaps.append(starts[i] - starts[i - 1]) }
        guard gaps.count >= 8 else { return nil }
        gaps.sort()
        return Double(gaps[gaps.count / 2])
    }

    /// The weaker class of alternate grid points over the stronger (1: even),
    /// in compressed onset weight (or beat-marking weight, `anchor`), and the
    /// share of grid points that have any such weight.
    static func alternation(_ onsets: [Onset], bpm: Double, phase: Double, byAnchor: Bool) -> (ratio: Double, filled: Double) {
        let period = 60e9 / bpm
        // Grid point k at (phase / 2π + k) periods.
        let offset = phase / (2 * Double.pi) * period
        let window = min(50e6, period * 0.15)
        var sums = [Double](repeating: 0, count: 2)
        var counts = [Double](repeating: 0, count: 2)
        var points: [Int: Double] = [:]
        for onset in onsets {
            let position = (Double(onset.time) - offset) / period
            let k = position.rounded()
            guard abs(position - k) * period <= window else { continue }
            points[Int(k), default: 0] += byAnchor ? onset.anchor : onset.weight
        }
        guard let first = points.keys.min(), let last = points.keys.max(), last > first else { return (0, 0) }
        var filled = 0.0
        for k in first...last {
            let value = (points[k] ?? 0).squareRoot()
            sums[((k % 2) + 2) % 2] += value
            counts[((k % 2) + 2) % 2] += 1
            if value >= 0.45 { filled += 1 }
        }
        let a = sums[0] / max(1, counts[0]), b = sums[1] / max(1, counts[1])
        return (max(a, b) > 0 ? min(a, b) / max(a, b) : 0, filled / Double(last - first + 1))
    }

    /// The tempo within ±2 % of `coarse` whose period best aligns the onsets,
    /// and the beat's phase (radians): where in the period the onsets cluster
    /// most. Not their mean phase: in a syncopated groove the onsets on the
    /// "a"s and "and"s pull the mean off the beat, between the onsets.
    static func refine(_ onsets: [Onset], around coarse: Double) -> (bpm: Double, phase: Double) {
        let bpm = scan(onsets, around: coarse, byAnchor: false).bpm
        let period = 60e9 / bpm
        let bins = 48
        var histogram = [Double](repeating: 0, count: bins)
        for onset in onsets {
            let cycle = (Double(onset.time) / period).truncatingRemainder(dividingBy: 1)
            histogram[min(bins - 1, Int(cycle * Double(bins)))] += onset.weight
        }
        // Smoothed over ±2 bins (about 4 % of the beat either way), around the circle.
        var best = (bin: 0, value: -1.0)
        for i in 0..<bins {
            var value = 0.0
            for d in -2...2 { value += histogram[(i + d + bins) % bins] * (d == 0 ? 1 : abs(d) == 1 ? 0.7 : 0.3) }
            if value > best.value { best = (i, value) }
        }
        return (bpm, 2 * Double.pi * (Double(best.bin) + 0.5) / Double(bins))
    }

    /// The tempo within ±2 % of `coarse` whose period best aligns the onsets
    /// (weighted by `weight`, or by `anchor`), their phase (radians), and how
    /// well they align: their phase vector's length over their total weight (0–1).
    static func scan(_ onsets: [Onset], around coarse: Double, byAnchor: Bool) -> (bpm: Double, phase: Double, strength: Double) {
        var total = 0.0
        for onset in onsets { total += byAnchor ? onset.anchor : onset.weight }
        func strength(_ bpm: Double) -> (Double, Double) {
            let omega = 2 * Double.pi * bpm / 60e9
            var re = 0.0, im = 0.0
            for onset in onsets {
                let angle = omega * Double(onset.time)
                let w = byAnchor ? onset.anchor : onset.weight
                re += w * cos(angle)
                im += w * sin(angle)
            }
            return (re * re + im * im, atan2(im, re))
        }
        // Coarse then fine: 0.25 % steps over ±2 %, then 0.05 % steps around the best.
        var best = (bpm: coarse, strength: -1.0, phase: 0.0)
        for step in -8...8 {
            let bpm = coarse * (1 + Double(step) * 0.0025)
            let (value, phase) = strength(bpm)
            if value > best.strength { best = (bpm, value, phase) }
        }
        let centre = best.bpm
        for step in -5...5 where step != 0 {
            let bpm = centre * (1 + Double(step) * 0.0005)
            let (value, phase) = strength(bpm)
            if value > best.strength { best = (bpm, value, phase) }
        }
        return (best.bpm, best.phase, total > 0 ? best.strength.squareRoot() / total : 0)
    }

    /// The tempo that best fits the onsets near the grid, by weighted least
    /// squares of onset time against half-beat number: exact for a song
    /// played to a click, and finer than any scan. Stays with the scan when
    /// the fit moves more than 0.5 % (then the onsets did not tell).
    static func fitted(_ onsets: [Onset], bpm: Double, phase: Double) -> Double {
        let half = 60e9 / bpm / 2
        let offset = phase / (2 * Double.pi) * half * 2
        var sw = 0.0, sk = 0.0, st = 0.0, skk = 0.0, skt = 0.0
        for onset in onsets {
            let t = Double(onset.time)
            let k = ((t - offset) / half).rounded()
            guard abs(t - offset - k * half) <= min(40e6, half * 0.2) else { continue }
            let w = onset.weight
            sw += w; sk += w * k; st += w * t; skk += w * k * k; skt += w * k * t
        }
        let denominator = sw * skk - sk * sk
        guard sw > 0, denominator > 0 else { return bpm }
        let slope = (sw * skt - sk * st) / denominator
        let fit = 60e9 / (slope * 2)
        return abs(fit / bpm - 1) <= 0.005 ? fit : bpm
    }

    // MARK: Beats

    /// Beat times by dynamic programming over the envelope, seeded by the
    /// refined period: each beat rewards onset strength, each gap is
    /// penalised by its squared log-distance from the period.
    static func track(_ envelope: [Double], origin: Int64, period: Double, phase: Double, span: Int64) -> [Int64] {
        let p = period / Double(bin)
        let n = envelope.count
        let tightness = 100.0
        var score = [Double](repeating: 0, count: n)
        var previous = [Int](repeating: -1, count: n)
        let low = max(1, Int((p * 0.5).rounded())), high = max(low + 1, Int((p * 2).rounded()))
        let mean = envelope.reduce(0, +) / Double(max(1, n))
        // The penalty for each gap, computed once.
        let penalty = (0...high).map { gap -> Double in
            let ratio = Double(max(gap, 1)) / p
            return tightness * mean * log(ratio) * log(ratio)
        }
        for t in 0..<n {
            var bestValue = -Double.infinity, bestFrom = -1
            var from = max(0, t - high)
            while from <= t - low {
                let value = score[from] - penalty[t - from]
                if value > bestValue { bestValue = value; bestFrom = from }
                from += 1
            }
            score[t] = envelope[t] + (bestFrom >= 0 ? max(0, bestValue) : 0)
            previous[t] = bestValue > 0 ? bestFrom : -1
        }
        // End on the best-scoring bin in the last period, then walk back.
        var end = n - 1
        var bestEnd = -Double.infinity
        for t in max(0, n - Int(p.rounded()) - 1)..<n where score[t] > bestEnd {
            bestEnd = score[t]
            end = t
        }
        var bins: [Int] = []
        var t = end
        while t >= 0 {
            bins.append(t)
            t = previous[t]
        }
        bins.reverse()
        // The walk may stop before the song's start: extend the grid back by whole periods.
        var beats = bins.map { origin + Int64($0) * bin }
        if let first = beats.first {
            var back = first - Int64(period.rounded())
            var before: [Int64] = []
            while back >= origin - Int64(period * 0.25) {
                before.append(back)
                back -= Int64(period.rounded())
            }
            beats = before.reversed() + beats
        }
        _ = phase
        return beats
    }

    // MARK: Meter

    /// 4 or 3 beats to a bar, and the index of the first downbeat in `beats`:
    /// the meter and offset whose bar starts carry the most bar-starting
    /// weight (`barSalience`) above the other beats.
    static func meterAndDownbeat(_ onsets: [Onset], beats: [Int64], period: Double, tuning: TempoTuning)
        -> (meter: Int, downbeat: Int) {
        let salience = barSalience(onsets, beats: beats, period: period, tuning: tuning)
        var best = (meter: 4, offset: 0, contrast: -Double.infinity)
        for meter in [4, 3] {
            for offset in 0..<meter {
                var on = 0.0, onCount = 0.0, off = 0.0, offCount = 0.0
                for (i, s) in salience.enumerated() {
                    if (i - offset) % meter == 0 { on += s; onCount += 1 } else { off += s; offCount += 1 }
                }
                guard onCount > 0, offCount > 0 else { continue }
                // 3/4 must do clearly better: most music is in 4.
                let contrast = (on / onCount - off / offCount) * (meter == 3 ? 0.85 : 1)
                // A near tie (kick on 1 and 3 alike, a bass on every beat) goes to the earlier offset,
                // not to whichever edge effect tips it.
                if best.contrast == -.infinity || contrast > best.contrast + 0.02 * abs(best.contrast) {
                    best = (meter, offset, contrast)
                }
            }
        }
        return (best.meter, best.offset)
    }

    // MARK: Confidence

    static func confidence(_ onsets: [Onset], beats: [Int64]) -> Double {
        guard beats.count >= 2 else { return 0 }
        let window: Int64 = 60_000_000
        var onGrid = 0.0, total = 0.0, covered = 0.0
        // Grid points: beats and the midpoints between them.
        var grid: [Int64] = []
        for i in beats.indices {
            grid.append(beats[i])
            if i + 1 < beats.count { grid.append((beats[i] + beats[i + 1]) / 2) }
        }
        let first = grid.first! - window, last = grid.last! + window
        var j = 0
        for onset in onsets where onset.time >= first && onset.time <= last {
            total += onset.weight
            while j + 1 < grid.count && abs(grid[j + 1] - onset.time) <= abs(grid[j] - onset.time) { j += 1 }
            if abs(grid[j] - onset.time) <= window { onGrid += onset.weight }
        }
        guard total > 0 else { return 0 }
        for i in 0..<(grid.count - 1) { covered += Double(min(grid[i + 1] - grid[i], 2 * window)) }
        let chance = min(0.95, covered / Double(max(1, last - first)))
        return min(1, max(0, (onGrid / total - chance) / (1 - chance)))
    }
}
