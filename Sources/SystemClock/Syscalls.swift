// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

// The one thin layer over the C calls Playback makes: clocks, sleeps and
// thread set-up. Nothing above it sees a `timespec`, a `pthread_t` or an errno.

/// A failed system call: what was being done and the C library's own words.
public struct SystemCallError: Error, Sendable, CustomStringConvertible {
    public var operation: String
    public var code: Int32

    public var reason: String { String(cString: strerror(code)) }
    public var description: String { "Cannot \(operation) - \(reason)" }
}

enum Syscalls {
    /// Turns a pthread-style result (0 or an error number) into a typed error.
    static func check(_ operation: String, _ result: Int32) throws(SystemCallError) {
        if result != 0 { throw SystemCallError(operation: operation, code: result) }
    }

    static func clockNow(_ clock: clockid_t) -> Int64 {
        var ts = timespec()
        // Cannot fail for the clocks used here (they exist on every Linux since 2.6).
        _ = clock_gettime(clock, &ts)
        return Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_nsec)
    }

    static func monotonicNow() -> Int64 { clockNow(CLOCK_MONOTONIC) }

    /// CPU time the calling thread has used.
    static func threadCPUTime() -> Int64 { clockNow(CLOCK_THREAD_CPUTIME_ID) }

    /// Sleeps until an absolute CLOCK_MONOTONIC time, carrying on after signals.
    static func sleepUntilMonotonic(_ nanoseconds: Int64) {
        guard nanoseconds > 0 else { return }
        var ts = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
        // clock_nanosleep returns the error number itself; EINTR means "sleep again",
        // and with an absolute deadline sleeping again adds no drift.
        while clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nil) == EINTR {}
    }

    /// Processors online now.
    static func onlineProcessors() -> Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// Names the calling thread (Linux keeps 15 bytes).
    static func nameCurrentThread(_ name: String) {
        precondition(name.utf8.count <= 15, "thread names are limited to 15 bytes on Linux")
        // Naming is a nicety for `top -H` and debuggers; a refusal changes nothing.
        // (pthread_setname_np needs _GNU_SOURCE, which Swift's Glibc module lacks.)
        name.withCString { _ = prctl(PR_SET_NAME, UInt(bitPattern: $0)) }
    }

    /// Asks for timer slack of `nanoseconds` on the calling thread (default 50 µs).
    static func setTimerSlack(_ nanoseconds: UInt) -> Bool {
        prctl(PR_SET_TIMERSLACK, nanoseconds) == 0
    }

    // From <linux/prctl.h>, which Swift's Glibc module does not include.
    private static let PR_SET_NAME: Int32 = 15
    private static let PR_SET_TIMERSLACK: Int32 = 29

    /// `prctl` is variadic, which Swift cannot call: its address is taken and
    /// called with a fixed five-integer signature, which the Linux ABIs
    /// (x86-64, AArch64) pass exactly as the variadic call would.
    private static func prctl(_ option: Int32, _ argument: UInt) -> Int32 {
        typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
        guard let symbol = dlsym(nil, "prctl") else { return -1 }
        return unsafeBitCast(symbol, to: Prctl.self)(option, argument, 0, 0, 0)
    }

    // MARK: Threads

    typealias ThreadEntry = @convention(c) (UnsafeMutableRawPointer?) -> UnsafeMutableRawPointer?

    /// Starts a thread running `entry(argument)`, with SCHED_FIFO at
    /// `realTimePriority` if given (the caller may retry without on EPERM).
    static func startThread(realTimePriority: Int32?, _ entry: ThreadEntry,
                            _ argument: UnsafeMutableRawPointer) throws(SystemCallError) -> pthread_t {
        var thread = pthread_t()
        let result: Int32
        if let realTimePriority {
            var attr = pthread_attr_t()
            try check("prepare thread attributes", pthread_attr_init(&attr))
            defer { pthread_attr_destroy(&attr) }
            var param = sched_param()
            param.sched_priority = realTimePriority
            try check("ask for explicit scheduling", pthread_attr_setinheritsched(&attr, Int32(PTHREAD_EXPLICIT_SCHED)))
            try check("ask for SCHED_FIFO", pthread_attr_setschedpolicy(&attr, SCHED_FIFO))
            try check("set the real-time priority", pthread_attr_setschedparam(&attr, &param))
            result = pthread_create(&thread, &attr, entry, argument)
        } else {
            result = pthread_create(&thread, nil, entry, argument)
        }
        try check(realTimePriority == nil ? "start a thread" : "start a real-time thread", result)
        return thread
    }

    static func joinThread(_ thread: pthread_t) { _ = pthread_join(thread, nil) }

    static func detachThread(_ thread: pthread_t) { _ = pthread_detach(thread) }

    // MARK: Signals

    private static func signalSet(_ signals: [Int32]) -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
        return set
    }

    /// Blocks `signals` in the calling thread, and in the threads it creates afterwards.
    static func blockSignals(_ signals: [Int32]) throws(SystemCallError) {
        var set = signalSet(signals)
        try check("block signals", pthread_sigmask(SIG_BLOCK, &set, nil))
    }

    /// Whether `signal` is ignored (SIG_IGN), as a parent may have left it:
    /// a non-interactive shell starts background jobs with SIGINT ignored, nohup SIGHUP.
    static func isIgnored(_ signal: Int32) -> Bool {
        var current = sigaction()
        guard sigaction(signal, nil, &current) == 0 else { return false }
        guard let handler = current.__sigaction_handler.sa_handler else { return false }
        return unsafeBitCast(handler, to: Int.self) == 1  // SIG_IGN
    }

    /// Waits until one of `signals` (blocked) is pending, takes it and returns its number.
    static func waitForSignal(_ signals: [Int32]) -> Int32 {
        var set = signalSet(signals)
        var signal: Int32 = 0
        while sigwait(&set, &signal) != 0 {}
        return signal
    }

    /// Ends the process at once, without unwinding or flushing anything.
    static func exitNow(_ status: Int32) -> Never { _exit(status) }
}
