// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock

/// The scheduler's source of time: what time it is, and waiting for a time.
///
/// Injected so that tests drive the scheduler with `ManualClock` instead of
/// sleeping; playback uses `MonotonicClock`. The scheduler calls the sleeps
/// from its own thread only; `now()` may be called from any thread.
public protocol PlaybackClock: AnyObject, Sendable {
    /// The current instant.
    func now() -> MonotonicInstant

    /// Returns at `deadline` as precisely as the clock can, never before it.
    /// Returns at once if `deadline` has passed.
    func sleep(until deadline: MonotonicInstant)

    /// Waits until about `deadline` without using the processor; may return
    /// somewhat late. For waits where lateness does not matter (paused, far
    /// from the next event).
    func idle(until deadline: MonotonicInstant)

    /// Like `idle(until:)`, but may also return as soon as `doorbell` rings
    /// (a transport request). Clocks that cannot be woken just idle.
    func idle(until deadline: MonotonicInstant, doorbell: Doorbell)
}

extension PlaybackClock {
    public func idle(until deadline: MonotonicInstant, doorbell: Doorbell) { idle(until: deadline) }
}
