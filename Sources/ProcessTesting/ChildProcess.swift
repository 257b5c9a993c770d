// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a program to its end and hands back what it printed, for tests that
/// check a tool's output (python3 with mido, openssl, fluidsynth, miditask).
///
/// Standard output and standard error are each read on a thread of their
/// own while the child runs, and its input is written on a third, so a child
/// that fills one pipe while the test waits on another cannot stall.
public enum ChildProcess {
    /// Runs `program` with `arguments` and waits for it to end.
    ///
    /// `program` is a path when it holds a slash, otherwise a name looked up
    /// on the PATH the child gets. `input`, when given, is written to the
    /// child's standard input through a pipe that is then closed (an empty
    /// `input` is a pipe closed at once); without it the child reads
    /// /dev/null. `environment` is added to this process's own environment
    /// (a value given here wins). `directory` is the child's working
    /// directory. After `timeout` the child is killed (SIGKILL) and the
    /// outcome says so.
    public static func run(_ program: String, _ arguments: [String] = [], input: Data? = nil,
                           environment: [String: String] = [:], directory: String? = nil,
                           timeout: Duration? = nil) throws -> Outcome {
        let variables = ProcessInfo.processInfo.environment.merging(environment) { _, given in given }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try ProgramSearch.locate(program, path: variables["PATH"]))
        process.arguments = arguments
        process.environment = variables
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let output = Pipe(), errors = Pipe(), feed = Pipe()
        process.standardOutput = output
        process.standardError = errors
        process.standardInput = input == nil ? FileHandle.nullDevice : feed
        let ended = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in ended.signal() }
        try process.run()

        let outputReader = PipeReader(output.fileHandleForReading)
        let errorReader = PipeReader(errors.fileHandleForReading)
        if let input { InputWriter.start(input, to: feed.fileHandleForWriting) }
        var timedOut = false
        if let timeout, ended.wait(timeout: .now() + .nanoseconds(timeout.nanoseconds)) == .timedOut {
            timedOut = true
            kill(process.processIdentifier, SIGKILL)
            ended.wait()
        }
        process.waitUntilExit()
        // A killed child may leave a grandchild holding its pipes; then what
        // was read by a moment after the kill is what the outcome carries.
        let grace: Duration? = timedOut ? .seconds(1) : nil
        return Outcome(status: process.terminationStatus,
                       diedOfSignal: process.terminationReason == .uncaughtSignal,
                       timedOut: timedOut,
                       outputData: outputReader.collected(waitingAtMost: grace),
                       errorData: errorReader.collected(waitingAtMost: grace))
    }

    /// Runs `program` as the blocking `run` does, on a thread of its own, so
    /// no thread of the concurrency pool waits for the child.
    public static func run(_ program: String, _ arguments: [String] = [], input: Data? = nil,
                           environment: [String: String] = [:], directory: String? = nil,
                           timeout: Duration? = nil) async throws -> Outcome {
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Outcome, any Error>) in
            Thread {
                done.resume(with: Result {
                    try run(program, arguments, input: input, environment: environment, directory: directory,
                            timeout: timeout)
                })
            }.start()
        }
    }
}

extension Duration {
    /// The whole duration in nanoseconds, as dispatch counts time.
    var nanoseconds: Int {
        let (seconds, attoseconds) = components
        return Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    }
}
