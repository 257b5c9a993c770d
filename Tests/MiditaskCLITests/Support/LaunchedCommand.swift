// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A `miditask` started in the background, its standard error in a file so
/// that it can be watched while it runs (a listener prints its address there).
final class LaunchedCommand: @unchecked Sendable {
    // @unchecked: `process` is only read after `run()`, and Process is
    // thread-safe for the calls made here (terminate, pid, status).
    let process: Process
    let stderrPath: String
    private let folder: TemporaryFolder

    fileprivate init(process: Process, folder: TemporaryFolder, stderrPath: String) {
        self.process = process
        self.folder = folder
        self.stderrPath = stderrPath
    }

    var stderr: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    /// Waits (without blocking a thread) until standard error holds a match
    /// for `pattern`, and returns it; throws if the process ends first or
    /// `limit` passes.
    ///
    /// Looks once more after the limit: on a busy machine (two cores, the
    /// concurrency pool's threads held by long tests) this task may wake long
    /// after its limit, and what the command printed meanwhile still counts.
    func waitForStderr(matching pattern: String, within limit: Duration = .seconds(30)) async throws -> String {
        let end = ContinuousClock.now + limit
        while true {
            let text = stderr
            if let range = text.range(of: pattern, options: .regularExpression) { return String(text[range]) }
            guard process.isRunning else {
                throw CommandFailure("miditask \(process.arguments ?? []) ended before printing /\(pattern)/: \(text)")
            }
            guard ContinuousClock.now < end else { break }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw CommandFailure("miditask \(process.arguments ?? []) printed no /\(pattern)/ within \(limit): \(stderr)")
    }

    func signal(_ number: Int32) {
        kill(process.processIdentifier, number)
    }

    /// Waits for the end, without blocking a thread of the concurrency pool
    /// (an in-process server the command talks to may need those threads).
    func finished(within limit: Duration = .seconds(120)) async throws -> CommandRunner.Result {
        let end = ContinuousClock.now + limit
        while process.isRunning {
            guard ContinuousClock.now < end else {
                process.terminate()
                throw CommandFailure("miditask \(process.arguments ?? []) still running after \(limit)")
            }
            try await Task.sleep(for: .milliseconds(20))
        }
        process.waitUntilExit()
        let out = (try? String(contentsOfFile: folder.path("stdout"), encoding: .utf8)) ?? ""
        return CommandRunner.Result(status: process.terminationStatus, stdout: out, stderr: stderr)
    }
}

struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

extension CommandRunner {
    /// Starts the built `miditask` in the background. With `inheritEnvironment`
    /// false, the command sees only `environment` (no stray API key or
    /// library from the developer's shell).
    ///
    /// `input` is its standard input (default: empty). With `ignoringSIGINT`
    /// it is started the way a non-interactive shell starts a background
    /// job: with SIGINT ignored.
    static func launch(_ arguments: [String], environment: [String: String] = [:],
                       inheritEnvironment: Bool = true, input: FileHandle = .nullDevice,
                       ignoringSIGINT: Bool = false) throws -> LaunchedCommand {
        let folder = try TemporaryFolder()
        let out = folder.path("stdout"), err = folder.path("stderr")
        guard FileManager.default.createFile(atPath: out, contents: nil),
              FileManager.default.createFile(atPath: err, contents: nil) else {
            throw CommandFailure("cannot create output files in \(folder.url.path)")
        }
        let process = Process()
        if ignoringSIGINT {
            // bash's `trap "" INT` sets SIGINT to ignored, and exec keeps that.
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            process.arguments = ["-c", "trap '' INT; exec \"$0\" \"$@\"", executable.path] + arguments
        } else {
            process.executableURL = executable
            process.arguments = arguments
        }
        process.environment = inheritEnvironment
            ? ProcessInfo.processInfo.environment.merging(environment) { _, new in new } : environment
        process.standardOutput = FileHandle(forWritingAtPath: out)
        process.standardError = FileHandle(forWritingAtPath: err)
        process.standardInput = input
        try process.run()
        return LaunchedCommand(process: process, folder: folder, stderrPath: err)
    }

    /// Runs the built `miditask` to its end without blocking a pool thread,
    /// for tests that serve it from the same process.
    static func runWithoutBlocking(_ arguments: [String], environment: [String: String] = [:],
                    inheritEnvironment: Bool = true) async throws -> Result {
        try await launch(arguments, environment: environment, inheritEnvironment: inheritEnvironment).finished()
    }
}
