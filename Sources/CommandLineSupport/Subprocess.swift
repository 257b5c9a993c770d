// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Glibc
import SystemClock

/// A program started by this one (posix_spawn), waited for once: for the
/// programs themselves, without Foundation (the tests' `ChildProcess`, in
/// ProcessTesting, adds time limits and environments on Foundation).
///
/// Its standard output is either discarded, left as this process's, or read
/// into memory; its standard error discarded or left as this process's.
/// Bytes for its standard input are written by a thread of their own while
/// the output is read, so neither side can wait on the other.
public final class Subprocess {
    public enum Output { case discard, inherit, capture }

    /// Its process id.
    public let id: pid_t
    private var status: Int32?
    private var outputPipe: Int32 = -1
    private var writer: NamedThread?

    /// Starts `arguments[0]` (a path) with the rest as its arguments and this
    /// process's environment.
    public init(_ arguments: [String], input: [UInt8]? = nil,
                output: Output = .discard, errors: Output = .discard) throws(SubprocessError) {
        precondition(!arguments.isEmpty && errors != .capture, "a program, and standard error discarded or inherited")
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        var toClose: [Int32] = []
        defer { for fd in toClose { close(fd) } }
        var inputPipe: [Int32] = [-1, -1], readPipe: [Int32] = [-1, -1]
        if input != nil {
            guard pipe(&inputPipe) == 0 else { throw SubprocessError(arguments[0], "pipe", errno) }
            posix_spawn_file_actions_adddup2(&actions, inputPipe[0], 0)
            posix_spawn_file_actions_addclose(&actions, inputPipe[1])
            toClose.append(inputPipe[0])
        }
        switch output {
        case .discard: posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        case .inherit: break
        case .capture:
            guard pipe(&readPipe) == 0 else { throw SubprocessError(arguments[0], "pipe", errno) }
            posix_spawn_file_actions_adddup2(&actions, readPipe[1], 1)
            posix_spawn_file_actions_addclose(&actions, readPipe[0])
            toClose.append(readPipe[1])
        }
        if errors == .discard { posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0) }
        // It starts with no signal blocked and every signal at its default,
        // whatever this process blocks or ignores (a thread waiting on
        // SIGINT and SIGTERM blocks them, and a child would inherit that).
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var none = sigset_t(), all = sigset_t()
        sigemptyset(&none)
        sigfillset(&all)
        posix_spawnattr_setsigmask(&attributes, &none)
        posix_spawnattr_setsigdefault(&attributes, &all)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var argv = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let failure = posix_spawn(&pid, arguments[0], &actions, &attributes, &argv, environ)
        guard failure == 0 else {
            if inputPipe[1] >= 0 { close(inputPipe[1]) }
            if readPipe[0] >= 0 { close(readPipe[0]) }
            throw SubprocessError(arguments[0], "start", failure)
        }
        id = pid
        outputPipe = readPipe[0]
        if let input {
            let fd = inputPipe[1]
            do {
                writer = try NamedThread(name: "child-input") {
                    input.withUnsafeBytes { writeAll(fd, $0) }
                    close(fd)
                }
            } catch {
                close(fd)
            }
        }
    }

    /// Everything it writes to standard output, until it closes it (with
    /// `output: .capture`; empty otherwise). Read once.
    public func readOutput() -> [UInt8] {
        guard outputPipe >= 0 else { return [] }
        var all: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        while true {
            let n = read(outputPipe, &chunk, chunk.count)
            if n > 0 { all += chunk[..<n]; continue }
            if n < 0 && errno == EINTR { continue }
            break
        }
        close(outputPipe)
        outputPipe = -1
        return all
    }

    /// Whether it has not ended yet.
    public var isRunning: Bool {
        if status != nil { return false }
        var raw: Int32 = 0
        guard waitpid(id, &raw, WNOHANG) == id else { return true }
        status = raw
        return false
    }

    /// Asks it to end (SIGTERM).
    public func terminate() {
        if isRunning { kill(id, SIGTERM) }
    }

    /// Waits for it to end: its exit status, or 128 + the signal that ended it.
    @discardableResult
    public func wait() -> Int32 {
        if status == nil {
            var raw: Int32 = 0
            while waitpid(id, &raw, 0) < 0 && errno == EINTR {}
            status = raw
        }
        writer?.join()
        writer = nil
        let raw = status!
        return raw & 0x7f == 0 ? (raw >> 8) & 0xff : 128 + (raw & 0x7f)
    }

    /// Runs it to its end: its status and what it wrote to standard output.
    public static func run(_ arguments: [String], input: [UInt8]? = nil, output: Output = .discard,
                           errors: Output = .discard) throws(SubprocessError) -> (status: Int32, output: [UInt8]) {
        let child = try Subprocess(arguments, input: input, output: output, errors: errors)
        let bytes = child.readOutput()
        return (child.wait(), bytes)
    }

    deinit {
        if outputPipe >= 0 { close(outputPipe) }
        if status == nil { wait() }
    }
}

/// A program that could not be started.
public struct SubprocessError: Error, CustomStringConvertible {
    public let program: String
    public let description: String

    init(_ program: String, _ step: String, _ code: Int32) {
        self.program = program
        description = "cannot \(step) \(program): \(String(cString: strerror(code)))"
    }
}
