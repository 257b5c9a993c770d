// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Dispatch
import Synchronization
import SystemClock

#if canImport(Glibc)
import Glibc
#endif

/// Runs numbered jobs on a few threads: the calling one and up to
/// `threads − 1` more, each taking the next number until none is left.
///
/// Jobs start in number order, so a job that others depend on can go
/// first. Returns once every job has finished; the threads are joined, so
/// whatever the jobs wrote is visible to the caller afterwards.
enum ParallelJobs {
    static func run(count: Int, threads: Int, _ job: @escaping @Sendable (Int) -> Void) {
        let next = Counter()
        let work: @Sendable () -> Void = {
            while case let i = next.take(), i < count { job(i) }
        }
        let helpers = max(0, min(threads, count) - 1)
        var started: [NamedThread] = []
        for _ in 0..<helpers {
            // No thread to spare: the calling thread does its share.
            if let thread = try? NamedThread(name: "miditask-render", work) { started.append(thread) }
        }
        work()
        for thread in started { thread.join() }
    }

    /// As `run`, on Dispatch's pool of threads rather than new ones: for
    /// work that comes in many short rounds (a render's 4096-frame chunks),
    /// where starting threads every round would cost more than the work.
    static func rounds(count: Int, threads: Int, _ job: (Int) -> Void) {
        let next = Counter()
        withoutActuallyEscaping(job) { job in
            nonisolated(unsafe) let job = job
            DispatchQueue.concurrentPerform(iterations: max(1, min(threads, count))) { _ in
                while case let i = next.take(), i < count { job(i) }
            }
        }
    }

    private final class Counter: Sendable {
        private let value = Atomic<Int>(0)
        func take() -> Int { value.add(1, ordering: .relaxed).oldValue }
    }
}

/// One result per job, each slot written only by its own job.
///
/// Unchecked Sendable: no slot is written by two threads, and slots are
/// read only after `ParallelJobs.run` has joined every thread.
final class JobResults<T>: @unchecked Sendable {
    // Raw storage rather than an array property: threads writing their own
    // slots must not each claim the whole array (exclusivity checks trap).
    private let slots: UnsafeMutableBufferPointer<T?>

    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }

    deinit {
        _ = slots.deinitialize()
        slots.deallocate()
    }

    func store(_ value: T, at index: Int) { slots[index] = value }

    /// Every slot, once all jobs have finished (each job stores exactly once).
    var all: [T] { slots.map { $0! } }
}
