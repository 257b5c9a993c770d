// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Synchronization
import SystemClock

/// The real clock: CLOCK_MONOTONIC, with a precise wait for deadlines.
///
/// A plain `clock_nanosleep` wakes tens to hundreds of microseconds late,
/// so `sleep(until:)` sleeps until shortly before the deadline (the spin
/// margin) and waits out the rest by reading the clock in a loop. The cost
/// is processor time: about one margin of spinning per deadline.
///
/// The adaptive margin tracks the 99.8th percentile of how late the kernel's
/// wake-ups have been (a running quantile estimate: each late wake-up moves
/// it up a little, each early one down 1/500 as much), so it settles
/// low on a quiet or real-time thread and higher on a loaded machine, while
/// a rare long stall (preemption, a busy host) cannot drag it up: chasing
/// those would mean spinning for milliseconds, and a real-time thread that
/// spins that long is throttled by the kernel, which is far worse.
/// It stays within 150–500 µs, so spinning costs at most 500 µs per deadline.
public final class MonotonicClock: PlaybackClock {
    public enum WakePolicy: Sendable, Equatable {
        /// Only `clock_nanosleep` to the deadline; no spinning. The baseline.
        case sleepOnly
        /// Sleep until `margin` before the deadline, then spin.
        case spin(margin: TimeAmount)
        /// Like `spin`, with the margin learned from observed wake-up lateness.
        case adaptiveSpin
    }

    public let policy: WakePolicy
    /// Current margin in nanoseconds; the adaptive policy updates it (relaxed:
    /// only the scheduler thread writes it, others only read it for reports).
    private let margin: Atomic<Int64>
    /// Running estimate of the 99.8th percentile of the kernel's wake-up lateness, in nanoseconds.
    private let overshoot: Atomic<Int64>

    static let initialMargin: Int64 = 250_000
    static let minimumMargin: Int64 = 150_000
    static let maximumMargin: Int64 = 500_000
    /// How far one wake-up moves the percentile estimate (up 499/500 of it, down 1/500).
    static let quantileStep: Int64 = 16_000
    /// Added to the estimate: the clock reads and the dispatch after the wake-up.
    static let headroom: Int64 = 30_000

    public init(policy: WakePolicy = .adaptiveSpin) {
        self.policy = policy
        switch policy {
        case .sleepOnly: margin = Atomic(0)
        case .spin(let m): margin = Atomic(max(0, m.nanoseconds))
        case .adaptiveSpin: margin = Atomic(Self.initialMargin)
        }
        overshoot = Atomic(Self.initialMargin - Self.headroom)
    }

    /// The margin now in use before each deadline.
    public var spinMargin: TimeAmount { .nanoseconds(margin.load(ordering: .relaxed)) }

    public func now() -> MonotonicInstant { MonotonicInstant.now() }

    public func idle(until deadline: MonotonicInstant) {
        MonotonicInstant.sleep(until: deadline)
    }

    public func idle(until deadline: MonotonicInstant, doorbell: Doorbell) {
        doorbell.wait(until: deadline)
    }

    public func sleep(until deadline: MonotonicInstant) {
        let target = deadline.nanoseconds
        let m = margin.load(ordering: .relaxed)
        var now = MonotonicInstant.now().nanoseconds
        if target &- now > m {
            let wakeAt = target &- m
            MonotonicInstant.sleep(until: MonotonicInstant(nanoseconds: wakeAt))
            now = MonotonicInstant.now().nanoseconds
            if policy == .adaptiveSpin { learn(lateness: now &- wakeAt) }
        }
        if policy == .sleepOnly {
            // The baseline: whatever the kernel gave, without waiting out the rest.
            if now < target { MonotonicInstant.sleep(until: deadline) }
            return
        }
        // The spin reads the clock (a vDSO call, tens of nanoseconds) and nothing
        // else. No sched_yield: on a normal-priority thread of a busy machine it
        // can hand the processor away for a whole time slice, far past the
        // deadline; and Swift has no `pause` instruction to offer instead.
        while now < target {
            now = MonotonicInstant.now().nanoseconds
        }
    }

    /// Folds one wake-up's lateness into the percentile estimate and sets the
    /// margin from it.
    private func learn(lateness: Int64) {
        var estimate = overshoot.load(ordering: .relaxed)
        if lateness > estimate {
            estimate += Self.quantileStep * 499 / 500
        } else {
            estimate -= Self.quantileStep / 500
        }
        estimate = min(Self.maximumMargin, max(0, estimate))
        overshoot.store(estimate, ordering: .relaxed)
        margin.store(min(Self.maximumMargin, max(Self.minimumMargin, estimate + Self.headroom)), ordering: .relaxed)
    }
}
