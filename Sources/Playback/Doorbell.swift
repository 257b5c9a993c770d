// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SystemClock

/// Wakes the scheduler from an idle wait when a transport request is made,
/// so that a pause, a seek or a mute acts within microseconds rather than at
/// the end of the wait.
///
/// A mutex and a condition variable on CLOCK_MONOTONIC, owned here and
/// destroyed in `deinit`. `ring` may be called from any thread; `wait` from
/// one (the scheduler's). A ring before the wait is not lost: the next wait
/// returns at once.
public final class Doorbell: @unchecked Sendable {
    // @unchecked: the pthread objects are only touched through pthread calls,
    // which are thread-safe; `rung` only under the mutex.
    private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
    private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
    private var rung = false

    public init() {
        pthread_mutex_init(mutex, nil)
        var attributes = pthread_condattr_t()
        pthread_condattr_init(&attributes)
        pthread_condattr_setclock(&attributes, CLOCK_MONOTONIC)
        pthread_cond_init(condition, &attributes)
        pthread_condattr_destroy(&attributes)
    }

    deinit {
        pthread_cond_destroy(condition)
        pthread_mutex_destroy(mutex)
        condition.deallocate()
        mutex.deallocate()
    }

    public func ring() {
        pthread_mutex_lock(mutex)
        rung = true
        pthread_cond_signal(condition)
        pthread_mutex_unlock(mutex)
    }

    /// Waits until rung (since the last wait) or until `deadline`, whichever is first.
    public func wait(until deadline: MonotonicInstant) {
        let ns = max(0, deadline.nanoseconds)
        var time = timespec(tv_sec: Int(ns / 1_000_000_000), tv_nsec: Int(ns % 1_000_000_000))
        pthread_mutex_lock(mutex)
        while !rung {
            if pthread_cond_timedwait(condition, mutex, &time) == ETIMEDOUT { break }
        }
        rung = false
        pthread_mutex_unlock(mutex)
    }
}
