// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A named POSIX thread for the scheduler, real-time if the system allows.
///
/// (Also used, named otherwise and not real-time, for the signal watcher.)
/// It asks for SCHED_FIFO at creation; where that is refused (no
/// CAP_SYS_NICE, no RLIMIT_RTPRIO: usual in containers) it runs at normal
/// priority and says so once in `notice`. Inside, it lowers its timer slack
/// to 1 ns so the kernel does not batch its wake-ups with others.
final class SchedulerThread: @unchecked Sendable {
    // @unchecked: the handle is immutable; `joined` is touched only by the one
    // caller that takes the thread out of its owner's lock to join it.
    private let handle: pthread_t
    private var joined = false
    /// Why the thread runs without real-time priority, if it does.
    let notice: String?

    /// The Linux thread name: at most 15 bytes.
    static let name = "miditask-sched"
    /// SCHED_FIFO priority: above ordinary threads, below the kernel's own and
    /// the audio servers' (JACK, PipeWire use 60–90), so it never starves a synth.
    static let realTimePriority: Int32 = 30

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// What a user can do to be granted real-time priority.
    static let realTimeAdvice = "To allow it: be in a group with a real-time limit (e.g. a line "
        + "\"@audio - rtprio 95\" in /etc/security/limits.d/audio.conf, your user in the audio group), "
        + "then log in again"

    /// Starts `body` on a new thread called `name` (at most 15 bytes).
    init(name: String = SchedulerThread.name, realTime: Bool = true,
         _ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        precondition(name.utf8.count <= 15, "thread names are limited to 15 bytes on Linux")
        let box = Unmanaged.passRetained(Body({
            Syscalls.nameCurrentThread(name)
            if realTime {
                // Refusal leaves the default 50 µs slack: later wake-ups, nothing worse.
                _ = Syscalls.setTimerSlack(1)
            }
            body()
        })).toOpaque()
        let entry: Syscalls.ThreadEntry = { raw in
            let body = Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue()
            body.run()
            return nil
        }
        var refused: String?
        do throws(SystemCallError) {
            if realTime {
                do throws(SystemCallError) {
                    handle = try Syscalls.startThread(realTimePriority: Self.realTimePriority, entry, box)
                } catch where error.code == EPERM || error.code == EINVAL {
                    refused = "real-time priority refused (\(error.reason)); the scheduler runs at normal priority. "
                        + Self.realTimeAdvice
                    handle = try Syscalls.startThread(realTimePriority: nil, entry, box)
                }
            } else {
                handle = try Syscalls.startThread(realTimePriority: nil, entry, box)
            }
        } catch {
            Unmanaged<Body>.fromOpaque(box).release()
            throw error
        }
        notice = refused
    }

    /// Waits for the thread to end. Called once.
    func join() {
        precondition(!joined, "the scheduler thread was already joined")
        joined = true
        Syscalls.joinThread(handle)
    }

    deinit {
        // Never joined (the owner gave up on it): let it finish on its own.
        if !joined { Syscalls.detachThread(handle) }
    }
}
