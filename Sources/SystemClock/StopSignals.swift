// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// Turns Ctrl-C (SIGINT), SIGTERM and SIGHUP (the terminal closed) into a
/// call, on a thread of its own.
///
/// Creating it blocks the signals in the calling thread, and so in every
/// thread created after it (the scheduler, an audio driver's): create it
/// first, at the command's start. A thread named "miditask-signal" waits
/// for them with `sigwait` and runs the handler there, never inside a signal
/// handler. Until a handler is set (`onSignal`), a signal ends the process
/// at once with 128 + signal: nothing has been started that needs stopping
/// (reading the task, estimating its tempo, waiting for a port). A second
/// signal, if the first did not end the process, exits at once too: a way
/// out should silencing itself hang (after running the `beforeForcedExit`
/// hook, which puts the terminal back).
///
/// A signal the process was started with ignored stays ignored, from launch
/// to exit: a non-interactive shell starts background jobs with SIGINT
/// ignored (so that Ctrl-C stops the script, not them), and nohup ignores
/// SIGHUP. SIGTERM still stops such a job.
///
/// One per process; the watcher thread lives as long as the process.
public final class StopSignals: Sendable {
    private struct State {
        var received: Int32?
        var handler: (@Sendable (Int32) -> Void)?
        var beforeForcedExit: (@Sendable () -> Void)?
    }
    private let state = Mutex(State())

    public init() throws(SystemCallError) {
        // Only those the process was not started with ignored.
        let watched = Self.signals.filter { !Syscalls.isIgnored($0) }
        try Syscalls.blockSignals(watched)
        guard !watched.isEmpty else { return }
        let thread = try NamedThread(name: "miditask-signal") { [self] in
            while true {
                let signal = Syscalls.waitForSignal(watched)
                let (handler, first, last) = self.state.withLock { s in
                    let first = s.received == nil
                    if first { s.received = signal }
                    // No handler yet: nothing to stop. Exiting under the lock keeps
                    // `onSignal` from setting one (and playback starting) meanwhile.
                    if first && s.handler == nil {
                        s.beforeForcedExit?()
                        Syscalls.exitNow(Self.exitStatus(for: signal))
                    }
                    return (s.handler, first, s.beforeForcedExit)
                }
                if !first {
                    last?()
                    Syscalls.exitNow(Self.exitStatus(for: signal))
                }
                handler?(signal)
            }
        }
        _ = thread  // never joined: it waits for signals until the process ends
    }

    /// Sets what to do on the first signal; runs it at once if one already came.
    public func onSignal(_ handler: @escaping @Sendable (Int32) -> Void) {
        let pending: Int32? = state.withLock { s in
            s.handler = handler
            return s.received
        }
        if let pending { handler(pending) }
    }

    /// Sets what must still happen if a second signal ends the process at
    /// once: quick and never blocking (the live view restores the terminal).
    public func beforeForcedExit(_ body: @escaping @Sendable () -> Void) {
        state.withLock { $0.beforeForcedExit = body }
    }

    /// The first signal received, if any (SIGHUP = 1, SIGINT = 2, SIGTERM = 15).
    public var received: Int32? { state.withLock { $0.received } }

    /// The conventional exit status for a process ended by `signal`: 128 + its number.
    public static func exitStatus(for signal: Int32) -> Int32 { 128 + signal }

    private static let signals = [SIGHUP, SIGINT, SIGTERM]
}
