// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Playback
import Synchronization
import SystemClock

/// A clock that moves only when told to, for deterministic scheduler tests.
///
/// Sleeping and idling jump straight to the deadline, so a scheduler run
/// synchronously on a test's thread plays a whole timeline instantly, with
/// every dispatch happening exactly at its deadline. Actions scheduled with
/// `at(_:do:)` run when the clock passes their instant (on the thread that
/// moves the clock), which is how a test pauses, seeks or stops mid-song.
public final class ManualClock: PlaybackClock {
    private struct Pending {
        var instant: MonotonicInstant
        var sequence: Int
        var action: @Sendable () -> Void
    }

    private struct State {
        var now: MonotonicInstant
        var pending: [Pending] = []
        var nextSequence = 0
        var sleeps: [MonotonicInstant] = []
    }

    private let state: Mutex<State>

    public init(startingAt instant: MonotonicInstant = .origin) {
        state = Mutex(State(now: instant))
    }

    public func now() -> MonotonicInstant { state.withLock { $0.now } }

    /// Every deadline passed to `sleep(until:)`, in order.
    public var preciseSleeps: [MonotonicInstant] { state.withLock { $0.sleeps } }

    /// Runs `action` when the clock reaches `instant` (at once on the next
    /// move if it already has). Actions at one instant run in the order added.
    public func at(_ instant: MonotonicInstant, do action: @escaping @Sendable () -> Void) {
        state.withLock { s in
            s.pending.append(Pending(instant: instant, sequence: s.nextSequence, action: action))
            s.nextSequence += 1
        }
    }

    /// Moves the clock forward to `instant` (never back), running due actions.
    public func advance(to instant: MonotonicInstant) {
        while true {
            // Take the earliest due action, if any, with the clock set to its instant;
            // run it outside the lock, since it may call back into the clock.
            let next: Pending? = state.withLock { s in
                guard let i = s.pending.indices.filter({ s.pending[$0].instant <= instant })
                    .min(by: { (s.pending[$0].instant, s.pending[$0].sequence) < (s.pending[$1].instant, s.pending[$1].sequence) })
                else {
                    if s.now < instant { s.now = instant }
                    return nil
                }
                let p = s.pending.remove(at: i)
                if s.now < p.instant { s.now = p.instant }
                return p
            }
            guard let next else { return }
            next.action()
        }
    }

    public func advance(by amount: TimeAmount) { advance(to: now() + amount) }

    public func sleep(until deadline: MonotonicInstant) {
        state.withLock { $0.sleeps.append(deadline) }
        advance(to: deadline)
    }

    public func idle(until deadline: MonotonicInstant) { advance(to: deadline) }

    /// Idles until `deadline`, or returns at the first scheduled action before
    /// it (having run it), as a real wait returns when a request rings.
    public func idle(until deadline: MonotonicInstant, doorbell: Doorbell) {
        let first = state.withLock { s in s.pending.map(\.instant).filter { $0 <= deadline }.min() }
        advance(to: first ?? deadline)
    }
}
