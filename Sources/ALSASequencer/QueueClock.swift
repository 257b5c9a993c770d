// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock

/// The mapping between CLOCK_MONOTONIC, on which the scheduler gives due
/// times, and a sequencer queue's running time, on which the kernel sends.
///
/// Learnt when the queue starts: the offset between the two, read as the
/// monotonic midpoint around a read of the queue's time (the best of a few
/// reads, so a preempted one does not count). Then kept in step: about once a
/// second the offset is read again and, where it moved by more than
/// `tolerance`, the mapping slews toward it by at most `slewStep`, so a
/// queue timer that drifts against the monotonic clock is followed without
/// ever jumping a note. Both timers count the same kernel clock in the cases
/// measured (see the README), so in practice it stays put.
struct QueueClock {
    /// Monotonic nanoseconds at the queue's time 0.
    private(set) var origin: Int64 = 0
    private var nextCheck: Int64 = 0

    static let checkInterval: Int64 = 1_000_000_000
    static let tolerance: Int64 = 100_000
    static let slewStep: Int64 = 50_000
    /// A reading whose two monotonic reads are further apart than this was preempted.
    static let trustedSpan: Int64 = 200_000

    mutating func start(_ offset: Int64) {
        origin = offset
        nextCheck = MonotonicInstant.now().nanoseconds + Self.checkInterval
    }

    /// The queue time of a monotonic instant (never before the queue's start).
    func queueTime(of monotonic: Int64) -> Int64 { max(0, monotonic - origin) }

    /// The monotonic instant of a queue time.
    func monotonicTime(of queueTime: Int64) -> Int64 { queueTime + origin }

    /// The offset read now: monotonic minus queue time; nil if every read was preempted.
    func measure(_ queue: SequencerQueue) throws(ALSAError) -> Int64? {
        var best: (span: Int64, offset: Int64)?
        for _ in 0..<3 {
            let before = MonotonicInstant.now().nanoseconds
            let time = try queue.now()
            let after = MonotonicInstant.now().nanoseconds
            let span = after - before
            if best == nil || span < best!.span {
                best = (span, before + span / 2 - time)
            }
        }
        guard let best, best.span <= Self.trustedSpan || origin == 0 else { return nil }
        return best.offset
    }

    /// Looks at the offset again when a second has passed, and slews toward it.
    mutating func keepInStep(with queue: SequencerQueue) {
        let now = MonotonicInstant.now().nanoseconds
        guard now >= nextCheck else { return }
        nextCheck = now + Self.checkInterval
        guard let measured = try? measure(queue) else { return }
        let moved = measured - origin
        if abs(moved) > Self.tolerance {
            origin += min(max(moved, -Self.slewStep), Self.slewStep)
        }
    }
}
