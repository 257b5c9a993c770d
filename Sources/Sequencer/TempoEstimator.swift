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
///    milliseconds still lines up.
/// 2. The envelope's autocorrelation at every beat length from 240 to 40 BPM,
///    each with half of its value at twice the length (a beat recurs in bars
///    too), times a prior: a log-normal centred on `preferredBPM`, one octave
///    wide. Between two candidates an octave apart the evidence usually ties
///    (an eighth-note pulse repeats at the quarter too); the prior then picks
///    the one nearest the tempo listeners tap most readily (studies of
///    tapping put it near 100–120 BPM), which is also where most popular
///    music is notated.
/// 3. The tempo is refined (±2 %, 0.05 % steps) by the strength of the
///    onsets' phase-aligned sum at that period; its angle gives the beat's phase.
/// 4. Beats are tracked through the song by dynamic programming (each beat
///    on strong onsets, each gap near the period), so a drifting song keeps
///    its grid.
/// 5. The meter and downbeat: for 4 and 3 beats to a bar, and each offset,
///    how much more bar-starting weight (kicks, crashes, bass and long notes)
///    falls on the candidate downbeats than on the other beats; 4/4 wins ties.
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

    /// The estimate for a task whose instruments play as `plan` says (drums
    /// and bass known from it); nil when there are too few notes to tell.
    public static func estimate(task: MIDITask, plan: ChannelPlan) -> TempoEstimate? {
        let parts = zip(task.instruments, plan.assignments).map { instrument, assignment in
            Part(notes: instrument.notes,
                 role: assignment.isDrum ? .drums : (32...39).contains(assignment.program) ? .bass : .other)
        }
        return estimate(parts)
    }

    static let bin: Int64 = 10_000_000

    struct Onset {
        var time: Int64
        var weight: Double
        /// How much the onset suggests the start of a bar.
        var accent: Double
    }

    public static func estimate(_ parts: [Part]) -> TempoEstimate? {
        var onsets: [Onset] = []
        for part in parts {
            for note in part.notes {
                let velocity = min(max(note.velocity, 0), 1)
                let length = note.end - note.start
                var weight = 0.4 + 0.6 * velocity
                var accent = 0.0
                switch part.role {
                case .drums:
                    switch note.pitch {
                    case 35, 36: weight *= 1.0; accent = 1.0          // kicks
                    case 38, 40, 37, 39: weight *= 0.9; accent = 0.0  // snares, claps: the backbeat
                    case 49, 57, 55, 52: weight *= 0.7; accent = 1.0  // crashes
                    case 42, 44, 46: weight *= 0.45; accent = 0.05    // hats
                    default: weight *= 0.55; accent = 0.1
                    }
                case .bass:
                    weight *= 0.8
                    accent = length >= 200_000_000 ? 0.8 : 0.4
                case .other:
                    weight *= length < 50_000_000 ? 0.15 : 0.5
                    accent = length >= 400_000_000 ? 0.4 : 0.05
                }
                onsets.append(Onset(time: note.start, weight: weight, accent: accent * (0.4 + 0.6 * velocity)))
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
        let coarse = beatLevel(sample, around: bestFitting(sample, around: found))
        let (scanned, phase) = refine(sample, around: coarse)
        let bpm = fitted(onsets, bpm: scanned, phase: phase)
        let period = 60e9 / bpm
        let beats = track(envelope, origin: origin, period: period, phase: phase, span: span)
        guard beats.count >= 4 else { return nil }
        let (meter, downbeatIndex) = meterAndDownbeat(onsets, beats: beats, period: period)
        let confidence = Self.confidence(onsets, beats: beats)
        // The beats before the first downbeat are the pickup's; the grid runs on from it.
        return TempoEstimate(bpm: bpm, beatsPerBar: meter, firstBeat: beats[downbeatIndex], confidence: confidence,
                             beats: beats)
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

    /// The found pulse, or a 3:4 or 4:3 relative of it when that one's grid
    /// of eighths holds clearly more of the onsets: syncopation (a funk bass on the "e" of 2)
    /// can make a dotted pulse recur more than the beat does.
    static func bestFitting(_ onsets: [Onset], around found: Double) -> Double {
        func fit(_ bpm: Double) -> Double {
            let (refined, phase) = refine(onsets, around: bpm)
            return gridFit(onsets, bpm: refined * 2, phase: phase * 2)
        }
        var best = (bpm: found, fit: fit(found))
        for ratio in [0.75, 4.0 / 3] {
            let bpm = found * ratio
            guard bpmRange.contains(bpm) else { continue }
            let f = fit(bpm)
            if f > best.fit + 0.15 { best = (bpm, f) }
        }
        return best.bpm
    }

    /// The share of onset weight within 40 ms of a grid of this tempo and phase, above chance (0–1).
    static func gridFit(_ onsets: [Onset], bpm: Double, phase: Double) -> Double {
        let period = 60e9 / bpm
        let offset = phase / (2 * Double.pi) * period
        let window = min(40e6, period * 0.25)
        var on = 0.0, total = 0.0
        for onset in onsets {
            let position = (Double(onset.time) - offset) / period
            total += onset.weight
            if abs(position - position.rounded()) * period <= window { on += onset.weight }
        }
        let chance = 2 * window / period
        return total > 0 ? max(0, (on / total - chance) / (1 - chance)) : 0
    }

    /// Which multiple of a found pulse is the beat: the fastest level (within
    /// the range) at which every beat has a strong onset. At the level of a
    /// subdivision every other point is weak (the "and"s: hats, passing
    /// notes); at the beat both alternating beats are strong (kick and snare,
    /// bass and chord). The alternation is measured as the ratio of the weaker
    /// to the stronger class of grid points; 0.55 and up passes, and a level
    /// faster than `preferredBPM` needs more (0.35 more per octave): a fast
    /// even pulse (a steady arpeggio, say) is more often a subdivision than
    /// the beat. When no level passes, the found pulse stays.
    static func beatLevel(_ onsets: [Onset], around found: Double) -> Double {
        var levels: [Double] = []
        for factor in [4.0, 2.0, 1.0, 0.5, 0.25] {
            let bpm = found * factor
            if bpmRange.contains(bpm) { levels.append(bpm) }
        }
        for bpm in levels {
            let (refined, phase) = refine(onsets, around: bpm)
            let needed = 0.55 + 0.35 * max(0, log2(bpm / preferredBPM))
            if alternation(onsets, bpm: refined, phase: phase) >= needed { return bpm }
        }
        return found
    }

    /// The weaker class of alternate grid points over the stronger (1: even), in compressed onset weight.
    static func alternation(_ onsets: [Onset], bpm: Double, phase: Double) -> Double {
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
            points[Int(k), default: 0] += onset.weight
        }
        guard let first = points.keys.min(), let last = points.keys.max(), last > first else { return 0 }
        for k in first...last {
            let value = (points[k] ?? 0).squareRoot()
            sums[((k % 2) + 2) % 2] += value
            counts[((k % 2) + 2) % 2] += 1
        }
        let a = sums[0] / max(1, counts[0]), b = sums[1] / max(1, counts[1])
        return max(a, b) > 0 ? min(a, b) / max(a, b) : 0
    }

    /// The tempo within ±2 % of `coarse` whose period best aligns the onsets, and their phase (radians).
    static func refine(_ onsets: [Onset], around coarse: Double) -> (bpm: Double, phase: Double) {
        func strength(_ bpm: Double) -> (Double, Double) {
            let omega = 2 * Double.pi * bpm / 60e9
            var re = 0.0, im = 0.0
            for onset in onsets {
                let angle = omega * Double(onset.time)
                re += onset.weight * cos(angle)
                im += onset.weight * sin(angle)
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
        return (best.bpm, best.phase)
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

    /// 4 or 3 beats to a bar, and the index of the first downbeat in `beats`.
    static func meterAndDownbeat(_ onsets: [Onset], beats: [Int64], period: Double) -> (meter: Int, downbeat: Int) {
        // Bar-starting weight near each beat.
        let window = Int64(min(70_000_000, period * 0.2))
        var salience = [Double](repeating: 0, count: beats.count)
        var j = 0
        for (i, beat) in beats.enumerated() {
            while j < onsets.count && onsets[j].time < beat - window { j += 1 }
            var k = j
            while k < onsets.count && onsets[k].time <= beat + window {
                salience[i] += onsets[k].accent
                k += 1
            }
        }
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
                if contrast > best.contrast { best = (meter, offset, contrast) }
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
