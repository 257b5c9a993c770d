// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Glibc

/// What this program hands to miditask-api, the online program: it carries
/// the HTTP, TLS and database stack (and Foundation with ICU), some 60 MB
/// that playback never needs, so it is a program and a package of its own.
enum OnlineProgram {
    /// Where it is, whether or not it is there.
    static var path: String { Companion.path(of: Companion.online) }

    static var isInstalled: Bool { Companion.isRunnable(path) }

    /// Runs miditask-api in this process's place when `arguments` (the whole
    /// command line) name one of its commands and it is installed: `fetch`,
    /// `listen`, `tasks`, `bench listen`, and `doctor` (which there also
    /// checks the task library and the API settings). Returns otherwise,
    /// leaving the command to this program (`doctor`) or to its stand-in,
    /// which says what to install.
    static func handOver(_ arguments: [String]) {
        let words = arguments.dropFirst()
        guard let first = words.first else { return }
        let online = ["fetch", "listen", "tasks", "doctor"].contains(first)
            || (first == "bench" && words.dropFirst().first == "listen")
        guard online, isInstalled else { return }
        let argv = [path] + words
        var pointers = argv.map { strdup($0) } + [nil]
        execv(path, &pointers)
        // Only on failure: say so, and let this program go on.
        printError("warning: cannot run \(path): \(String(cString: strerror(errno)))")
        for pointer in pointers { free(pointer) }
    }

    /// The error for a command that needs miditask-api when it is not there.
    static func missing(_ what: String) -> Missing {
        Missing(description: "\(what) needs miditask-api, the online program, which is not installed "
            + "(looked for \(path)). Install the miditask-api package, or build it from source with "
            + "`swift build -c release --product miditask-api`.")
    }

    /// miditask-api is not installed; the command line itself was right.
    struct Missing: Error, CustomStringConvertible {
        let description: String
    }

    /// The JSON of the task with this id, from the library or fetched from
    /// the API, and where it came from, as miditask-api gives them
    /// (`task-json ID`). Its progress and errors go to standard error as it
    /// prints them; a failure exits with its status.
    static func taskJSON(id: String) throws -> (body: [UInt8], source: String) {
        guard isInstalled else {
            throw missing("\(id) is no file here; reading it as a task id (from the library or the API)")
        }
        let run: (status: Int32, output: [UInt8])
        do throws(SubprocessError) {
            run = try Subprocess.run([path, "task-json", id], output: .capture, errors: .inherit)
        } catch {
            throw ValidationError(error.description)
        }
        let code = run.status, body = run.output
        guard code == 0 else { throw ExitCode(code) }
        guard let newline = body.firstIndex(of: UInt8(ascii: "\n")) else {
            throw ValidationError("\(path) task-json \(id) printed no task")
        }
        return (Array(body[(newline + 1)...]), String(decoding: body[..<newline], as: UTF8.self))
    }
}
