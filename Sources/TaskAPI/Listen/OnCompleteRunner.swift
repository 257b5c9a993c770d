// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import MIDITask
import Synchronization

/// Runs the `--on-complete` action for complete tasks, one child process at
/// a time, off the request path.
///
/// The queue is bounded: when it is full a task is left for later (it stays
/// unhandled in the library, and the next listener start picks it up), so a
/// burst cannot grow memory without limit. Each child is the same
/// `miditask` executable, told where the library is by `MIDITASK_LIBRARY`.
public final class OnCompleteRunner: Sendable {
    public struct Configuration: Sendable {
        public var action: OnCompleteAction
        /// The `miditask` executable to run (normally this process's own).
        public var executable: String
        public var outputDirectory: String
        /// Passed on as `--max-duration` to render and play.
        public var maxDuration: String?
        public var capacity: Int

        public init(action: OnCompleteAction, executable: String, outputDirectory: String, maxDuration: String? = nil,
                    capacity: Int = 1024) {
            self.action = action
            self.executable = executable
            self.outputDirectory = outputDirectory
            self.maxDuration = maxDuration
            self.capacity = capacity
        }
    }

    private struct State {
        var queue: [String] = []
        var head = 0
        var running = false
        var idleWaiters: [CheckedContinuation<Void, Never>] = []
    }

    public let configuration: Configuration
    private let library: TaskLibrary
    private let log: @Sendable (String) -> Void
    private let state = Mutex(State())

    public init(_ configuration: Configuration, library: TaskLibrary, log: @escaping @Sendable (String) -> Void) {
        self.configuration = configuration
        self.library = library
        self.log = log
    }

    /// Queues a task; false if the queue is full. Never waits.
    @discardableResult
    public func enqueue(_ id: String) -> Bool {
        let (admitted, start) = state.withLock { s -> (Bool, Bool) in
            guard s.queue.count - s.head < configuration.capacity else { return (false, false) }
            s.queue.append(id)
            if s.running { return (true, false) }
            s.running = true
            return (true, true)
        }
        if !admitted { log("on-complete queue full: task \(id) left for the next start") }
        if start { Task.detached { await self.work() } }
        return admitted
    }

    /// Returns once the queue is empty and no child runs.
    public func waitUntilIdle() async {
        await withCheckedContinuation { continuation in
            let idle = state.withLock { s in
                if !s.running { return true }
                s.idleWaiters.append(continuation)
                return false
            }
            if idle { continuation.resume() }
        }
    }

    private func work() async {
        while true {
            let next: String? = state.withLock { s in
                if s.head == s.queue.count {
                    s.queue.removeAll(keepingCapacity: true)
                    s.head = 0
                    s.running = false
                    return nil
                }
                defer { s.head += 1 }
                return s.queue[s.head]
            }
            guard let id = next else { break }
            let outcome = await run(id)
            log("on-complete \(configuration.action.rawValue) \(JSONText.quote(id)): \(outcome)")
            do {
                try await library.markHandled(id, outcome)
            } catch {
                log("\(error)")
            }
        }
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            guard !s.running else { return [] }
            defer { s.idleWaiters.removeAll() }
            return s.idleWaiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func run(_ id: String) async -> String {
        // Only a plain id can be a file name and an argument as it is.
        guard TaskID.isPlain(id) else { return "skipped: the id is not a plain name" }
        let action = configuration.action
        let process = Process()
        process.executableURL = URL(fileURLWithPath: configuration.executable)
        process.arguments = action.arguments(id: id, outputDirectory: configuration.outputDirectory,
                                             maxDuration: configuration.maxDuration)
        var environment = ProcessInfo.processInfo.environment
        environment["MIDITASK_LIBRARY"] = library.directory
        process.environment = environment
        // The root folder holds no file named like a task id, so the child
        // finds the id in the library, never a stray file.
        process.currentDirectoryURL = URL(fileURLWithPath: "/")
        process.standardInput = FileHandle.nullDevice
        let status: Int32? = await withCheckedContinuation { continuation in
            process.terminationHandler = { finished in continuation.resume(returning: finished.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(returning: nil)
            }
        }
        guard let status else { return "failed: cannot start \(configuration.executable)" }
        return status == 0 ? "\(action.rawValue) ok" : "\(action.rawValue) failed (exit status \(status))"
    }
}
