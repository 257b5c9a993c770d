// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import SystemClock

/// The scheduler's thread, real-time if the system allows.
///
/// It asks for SCHED_FIFO at creation; where that is refused (no
/// CAP_SYS_NICE, no RLIMIT_RTPRIO: usual in containers) it runs at normal
/// priority and says so once in `notice`. Inside, it lowers its timer slack
/// to 1 ns so the kernel does not batch its wake-ups with others.
final class SchedulerThread: Sendable {
    private let thread: NamedThread
    /// Why the thread runs without real-time priority, if it does.
    let notice: String?

    /// The Linux thread name: at most 15 bytes.
    static let name = "miditask-sched"
    /// SCHED_FIFO priority: above ordinary threads, below the kernel's own and
    /// the audio servers' (JACK, PipeWire use 60–90), so it never starves a synth.
    static let realTimePriority: Int32 = 30

    /// What a user can do to be granted real-time priority.
    static let realTimeAdvice = "To allow it: be in a group with a real-time limit (e.g. a line "
        + "\"@audio - rtprio 95\" in /etc/security/limits.d/audio.conf, your user in the audio group), "
        + "then log in again"

    /// Starts `body` on the scheduler's thread, asking for real-time priority if `realTime`.
    init(realTime: Bool = true, _ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        var refused: String?
        do throws(SystemCallError) {
            thread = try NamedThread(name: Self.name, realTimePriority: realTime ? Self.realTimePriority : nil,
                                     preciseWakeUps: realTime, body)
        } catch where error.code == EPERM || error.code == EINVAL {
            refused = "real-time priority refused (\(error.reason)); the scheduler runs at normal priority. "
                + Self.realTimeAdvice
            thread = try NamedThread(name: Self.name, preciseWakeUps: realTime, body)
        }
        notice = refused
    }

    /// Waits for the thread to end. Called once.
    func join() { thread.join() }
}
