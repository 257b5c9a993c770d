// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How song time maps onto a MIDI file's ticks, so that the file's bar lines
/// fall where the song's do.
///
/// Before the first downbeat, a lead-in of whole beats (as many as fit at
/// about the song's tempo, at least one) makes a pickup bar when it is not a
/// whole number of bars; from the first downbeat, the bars follow the
/// estimate: one tempo for a steady song, a tempo per bar where it drifts.
/// Tempos are stored as whole microseconds per quarter; each segment's value
/// is chosen so that the rounding does not add up over the song, and ticks
/// are computed from the stored values, so a reader gets every time back
/// within a tick.
public struct TempoMap: Sendable, Equatable {
    public static let ticksPerBeat: Int64 = 960

    public struct Segment: Sendable, Equatable {
        /// Where the segment starts, in ticks and (as a reader computes it) nanoseconds.
        public var tick: Int64
        public var time: Double
        public var microsecondsPerBeat: UInt32
    }

    /// Ascending; the last one runs on to the end of the song.
    public let segments: [Segment]
    public let beatsPerBar: Int
    /// Beats in the pickup bar before the first full bar (0: none).
    public let pickupBeats: Int
    /// Where the first downbeat falls: after the lead-in's whole beats.
    public let firstDownbeatTick: Int64

    /// The old fixed map: 120 BPM, 4/4, from tick 0.
    public static let fixed120 = TempoMap(segments: [Segment(tick: 0, time: 0, microsecondsPerBeat: 500_000)],
                                          beatsPerBar: 4, pickupBeats: 0, firstDownbeatTick: 0)

    init(segments: [Segment], beatsPerBar: Int, pickupBeats: Int, firstDownbeatTick: Int64) {
        self.segments = segments
        self.beatsPerBar = beatsPerBar
        self.pickupBeats = pickupBeats
        self.firstDownbeatTick = firstDownbeatTick
    }

    /// The map for a song whose pulse `estimate` describes, `duration` long.
    public init(estimate: TempoEstimate, duration: Int64) {
        let beat = 60e9 / estimate.bpm
        let first = Double(estimate.firstBeat)
        let meter = estimate.beatsPerBar
        // Intended anchors: (time ns, tick).
        var anchors: [(time: Double, tick: Int64)] = [(0, 0)]
        var leadIn = Int64((first / beat).rounded())
        if first > 0 && leadIn == 0 { leadIn = 1 }
        var tick = leadIn * Self.ticksPerBeat
        if first > 0 { anchors.append((first, tick)) }
        // Bar lines from the first downbeat: the tracked beats where the song
        // drifts, a steady grid otherwise; anchored every bar (drifting) or
        // every 16 bars (steady, only to keep the rounding from adding up).
        let barTicks = Int64(meter) * Self.ticksPerBeat
        if estimate.isSteady {
            var time = first
            let step = 16
            while time < Double(duration) + beat {
                time += Double(step * meter) * beat
                tick += Int64(step) * barTicks
                anchors.append((time, tick))
            }
        } else {
            let bars = Self.barLines(estimate)
            for time in bars.dropFirst() {
                tick += barTicks
                anchors.append((Double(time), tick))
            }
            // Past the last tracked bar, its tempo goes on.
            if let last = anchors.last, anchors.count >= 2 {
                let before = anchors[anchors.count - 2]
                let rate = (last.time - before.time) / Double(last.tick - before.tick)
                anchors.append((last.time + rate * Double(barTicks), last.tick + barTicks))
            }
        }
        // Whole microseconds per beat, each absorbing the rounding so far.
        var segments: [Segment] = []
        var actual = 0.0
        for i in 0..<(anchors.count - 1) {
            let beats = Double(anchors[i + 1].tick - anchors[i].tick) / Double(Self.ticksPerBeat)
            let micro = max(1, min(0xFF_FFFF, ((anchors[i + 1].time - actual) / beats / 1000).rounded()))
            segments.append(Segment(tick: anchors[i].tick, time: actual, microsecondsPerBeat: UInt32(micro)))
            actual += micro * 1000 * beats
        }
        if segments.isEmpty {
            segments = [Segment(tick: 0, time: 0, microsecondsPerBeat: UInt32((beat / 1000).rounded()))]
        }
        self.segments = segments
        beatsPerBar = meter
        pickupBeats = Int(leadIn % Int64(meter))
        firstDownbeatTick = leadIn * Self.ticksPerBeat
    }

    /// One time per bar from the first downbeat, each smoothed over its
    /// neighbours so the tracker's 10 ms steps do not become tempo jumps.
    static func barLines(_ estimate: TempoEstimate) -> [Int64] {
        let beats = estimate.beats.filter { $0 >= estimate.firstBeat }
        guard beats.count > 8 else { return beats }
        // Each beat refitted by a parabola through the 9 around it (Savitzky–Golay
        // weights): a song speeding up or slowing down bends its beat times, and a
        // straight line through a bend would put every bar line early or late.
        // At the ends, where the window is cut, a straight line.
        let weights: [Double] = [-21, 14, 39, 54, 59, 54, 39, 14, -21].map { $0 / 231 }
        let smoothed: [Double] = beats.indices.map { i in
            if i >= 4 && i + 4 < beats.count {
                return (0..<9).reduce(0) { $0 + weights[$1] * Double(beats[i - 4 + $1]) }
            }
            let lo = max(0, i - 4), hi = min(beats.count - 1, i + 4)
            let xs = (lo...hi).map(Double.init), ys = (lo...hi).map { Double(beats[$0]) }
            let mx = xs.reduce(0, +) / Double(xs.count), my = ys.reduce(0, +) / Double(ys.count)
            let sxy = zip(xs, ys).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) }
            let sxx = xs.reduce(0) { $0 + ($1 - mx) * ($1 - mx) }
            return my + (sxx > 0 ? sxy / sxx : 0) * (Double(i) - mx)
        }
        return stride(from: 0, to: smoothed.count, by: estimate.beatsPerBar).map { Int64(smoothed[$0].rounded()) }
    }

    /// Nanoseconds to the nearest tick.
    public func ticks(_ nanoseconds: Int64) -> Int64 {
        Int64(exactTicks(nanoseconds).rounded())
    }

    /// Nanoseconds to ticks, unrounded (0 before the song's start).
    public func exactTicks(_ nanoseconds: Int64) -> Double {
        let t = Double(max(0, nanoseconds))
        let s = segments[lastIndex { $0.time <= t }]
        return Double(s.tick) + (t - s.time) / (Double(s.microsecondsPerBeat) * 1000) * Double(Self.ticksPerBeat)
    }

    /// When a tick (fractional or not) falls, in nanoseconds, as a reader of the file computes it.
    public func time(atTick tick: Double) -> Int64 {
        let s = segments[lastIndex { Double($0.tick) <= tick }]
        return Int64((s.time + (tick - Double(s.tick)) / Double(Self.ticksPerBeat) * Double(s.microsecondsPerBeat) * 1000).rounded())
    }

    /// The last segment for which `starts` holds (the first when none does).
    private func lastIndex(_ starts: (Segment) -> Bool) -> Int {
        var low = 0, high = segments.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if starts(segments[mid]) { low = mid } else { high = mid - 1 }
        }
        return low
    }

    /// Where the meter is set: the pickup bar's, then the song's at the first full bar.
    public var timeSignatures: [(tick: Int64, beats: Int)] {
        if pickupBeats > 0 {
            return [(tick: 0, beats: pickupBeats), (tick: Int64(pickupBeats) * Self.ticksPerBeat, beats: beatsPerBar)]
        }
        return [(tick: 0, beats: beatsPerBar)]
    }

    /// The tempo events: each segment whose tempo differs from the one before.
    public var tempoChanges: [(tick: Int64, microsecondsPerBeat: UInt32)] {
        var out: [(tick: Int64, microsecondsPerBeat: UInt32)] = []
        for s in segments where out.last?.microsecondsPerBeat != s.microsecondsPerBeat {
            out.append((s.tick, s.microsecondsPerBeat))
        }
        return out
    }
}
