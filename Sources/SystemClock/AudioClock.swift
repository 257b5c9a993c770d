// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Where an instant on CLOCK_MONOTONIC falls on the synth's sample clock
/// while an audio driver renders it in periods.
///
/// Each time the driver asks for a period, the audio thread notes when it
/// began (on CLOCK_MONOTONIC) and how far the samples will then have been
/// rendered: their difference is the offset between the two clocks, less
/// however late the call was. An event due at instant `t` goes to the
/// sample at `t + offset + margin + safety`: past everything rendered when
/// it was due, so every event sounds the same time after it was due,
/// however the periods fall, and events keep their spacing to the sample.
///
/// What matters is that the offset holds still once notes depend on it.
/// Until then (`learning`) it is the largest difference seen: the most
/// punctual call. After, it moves only slowly, toward the most punctual call
/// of each batch of periods, at most by `driftAllowance` (100 ppm: a sound
/// card's crystal drifting against the system clock); `margin` and `safety`
/// cover calls more punctual than any seen so far, so a new record need not
/// move it. It jumps only when a whole batch says the stream itself has
/// moved: below it by more than `step` (an underrun: the card played
/// silence while the synth was late, and every later note would stay that
/// much late), or above it by more than `margin + safety` (notes would
/// otherwise land in audio already rendered, a period late).
public struct AudioClock: Sendable {
    public let sampleRate: Double
    /// Room for the scheduler's usual lateness: a message sent a little after
    /// it was due still finds its sample unrendered.
    static let margin: Int64 = 2_000_000
    /// Room for a period asked for more punctually than any seen.
    static let safety: Int64 = 4_000_000
    /// Periods observed before the offset is worth using.
    public static let warmUp = 3
    static let batch = 16
    static let step: Int64 = 5_000_000
    static let driftAllowance = 1e-4

    /// The sample clock's time minus CLOCK_MONOTONIC; nil before the first period.
    public var offset: TimeAmount? { offsetNanoseconds.map(TimeAmount.init(nanoseconds:)) }
    private var offsetNanoseconds: Int64?
    private var periods = 0
    private var batchBest: Int64 = .min
    private var batchCount = 0
    private var batchStart: Int64 = 0

    public init(sampleRate: Double) { self.sampleRate = sampleRate }

    /// A period was asked for at `instant`; when it is rendered, the synth
    /// will have produced `renderedThrough` frames since it started.
    /// `learning`: no note has been placed by the offset yet.
    public mutating func observe(renderedThrough frames: Int64, at time: MonotonicInstant, learning: Bool = false) {
        let instant = time.nanoseconds
        var offset = offsetNanoseconds
        defer { offsetNanoseconds = offset }
        let seen = Int64((Double(frames) / sampleRate * 1e9).rounded()) - instant
        periods += 1
        if periods <= Self.warmUp || learning {
            offset = max(offset ?? .min, seen)
            batchStart = instant
            return
        }
        batchBest = max(batchBest, seen)
        batchCount += 1
        guard batchCount == Self.batch, let current = offset else { return }
        if batchBest < current - Self.step || batchBest > current + Self.margin + Self.safety {
            offset = batchBest
        } else {
            let slew = Int64(Double(instant - batchStart) * Self.driftAllowance)
            offset = current + min(max(batchBest - current, -slew), slew)
        }
        batchBest = .min
        batchCount = 0
        batchStart = instant
    }

    /// The frame at which an event due at `instant` sounds, given the published `offset`.
    public static func frame(dueAt instant: MonotonicInstant, offset: TimeAmount, sampleRate: Double) -> Int64 {
        Int64((Double(instant.nanoseconds + offset.nanoseconds + margin + safety) * sampleRate / 1e9).rounded())
    }
}
