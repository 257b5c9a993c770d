// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CFluidSynth
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Where FluidSynth's log messages go.
///
/// FluidSynth prints to standard error by itself, including chatter that
/// means nothing to a user (period sizes, thread priorities). Once
/// installed, errors raised during a checked call are kept and attached to
/// the thrown `FluidSynthError`; errors at any other time (the audio thread
/// failing to write, say) still reach standard error, so none is lost.
/// Warnings and lower are dropped unless `showWarnings` is set.
enum FluidSynthLog {
    private struct State {
        var installed = false
        var showWarnings = false
        /// Threads running a checked call, and the errors kept for each.
        var captures: [(thread: pthread_t, messages: [String])] = []
    }

    private static let state = Mutex({
        var s = State()
        // Room for every thread that calls at once: no allocation on the
        // scheduler thread's usual path.
        s.captures.reserveCapacity(16)
        return s
    }())

    /// Routes FluidSynth's messages through this type; idempotent.
    static func install(showWarnings: Bool = false) {
        let first = state.withLock { state -> Bool in
            state.showWarnings = state.showWarnings || showWarnings
            defer { state.installed = true }
            return !state.installed
        }
        guard first else { return }
        for level in [FLUID_PANIC, FLUID_ERR, FLUID_WARN, FLUID_INFO, FLUID_DBG] {
            _ = fluid_set_log_function(Int32(level.rawValue), fluidLogHandler, nil)
        }
    }

    /// Runs `body` keeping the errors FluidSynth logs on this thread meanwhile;
    /// returns its result and those messages (oldest first).
    static func capturing<T>(_ body: () -> T) -> (T, [String]) {
        install()
        let me = pthread_self()
        state.withLock { $0.captures.append((me, [])) }
        let result = body()
        let messages = state.withLock { state -> [String] in
            guard let i = state.captures.lastIndex(where: { pthread_equal($0.thread, me) != 0 }) else { return [] }
            return state.captures.remove(at: i).messages
        }
        return (result, messages)
    }

    fileprivate static func receive(level: Int32, message: String) {
        let isError = level <= Int32(FLUID_ERR.rawValue)
        let print: Bool = state.withLock { state in
            if isError, let i = state.captures.lastIndex(where: { pthread_equal($0.thread, pthread_self()) != 0 }) {
                state.captures[i].messages.append(message)
                return false
            }
            return isError || (state.showWarnings && level == Int32(FLUID_WARN.rawValue))
        }
        if print { writeToStandardError("fluidsynth: \(isError ? "error" : "warning"): \(message)\n") }
    }

    /// Prints through write(2), which is safe from FluidSynth's audio thread.
    static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(2, $0.baseAddress, $0.count) }
    }
}

/// FluidSynth's log callback: a C function pointer, so no captures.
private let fluidLogHandler: fluid_log_function_t = { level, message, _ in
    guard let message else { return }
    FluidSynthLog.receive(level: level, message: String(cString: message))
}
