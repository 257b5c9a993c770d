// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A POSIX thread of our own, named for `top -H` and debuggers, at SCHED_FIFO
/// when asked and allowed.
///
/// Every thread miditask starts is one of these (the scheduler, the signal
/// watcher, a render's helpers). Asking for a real-time priority the system
/// refuses throws a `SystemCallError` with EPERM (no CAP_SYS_NICE, no
/// RLIMIT_RTPRIO) or EINVAL: the caller decides whether to start it without.
/// A thread never joined is detached when its owner goes, and finishes on its own.
public final class NamedThread: @unchecked Sendable {
    // @unchecked: the handle is immutable; `joined` is touched only by the one
    // caller that joins.
    private let handle: pthread_t
    private var joined = false

    private final class Body {
        let run: () -> Void
        init(_ run: @escaping () -> Void) { self.run = run }
    }

    /// Starts `body` on a new thread called `name` (at most 15 bytes: Linux's
    /// limit), at SCHED_FIFO `realTimePriority` if given. `preciseWakeUps`
    /// lowers the thread's timer slack to 1 ns, so the kernel does not batch its
    /// wake-ups with others (a refusal leaves the default 50 µs).
    public init(name: String, realTimePriority: Int32? = nil, preciseWakeUps: Bool = false,
                _ body: @escaping @Sendable () -> Void) throws(SystemCallError) {
        precondition(name.utf8.count <= 15, "thread names are limited to 15 bytes on Linux")
        let box = Unmanaged.passRetained(Body({
            Syscalls.nameCurrentThread(name)
            if preciseWakeUps { _ = Syscalls.setTimerSlack(1) }
            body()
        })).toOpaque()
        do throws(SystemCallError) {
            handle = try Syscalls.startThread(realTimePriority: realTimePriority, { raw in
                Unmanaged<Body>.fromOpaque(raw!).takeRetainedValue().run()
                return nil
            }, box)
        } catch {
            Unmanaged<Body>.fromOpaque(box).release()
            throw error
        }
    }

    /// Waits for the thread to end. Called once.
    public func join() {
        precondition(!joined, "a thread is joined once")
        joined = true
        Syscalls.joinThread(handle)
    }

    deinit {
        if !joined { Syscalls.detachThread(handle) }
    }

    /// Whether this process may start a thread at SCHED_FIFO `priority`: nil
    /// when it may (a thread that returns at once was started and joined),
    /// else the system's reason for refusing.
    public static func realTimeRefusal(priority: Int32) -> String? {
        do throws(SystemCallError) {
            try NamedThread(name: "miditask-probe", realTimePriority: priority) {}.join()
            return nil
        } catch {
            return error.reason
        }
    }
}
