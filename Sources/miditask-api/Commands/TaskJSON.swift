// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import TaskAPI

/// `task-json ID`: how the playback program reads a task id. On standard
/// output, one line naming where the task came from ("library task ID"),
/// then its JSON as stored or fetched; progress and errors on standard error.
struct TaskJSON: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "task-json",
        abstract: "Print a task's JSON, from the library or fetched, after a line naming where it came from.",
        shouldDisplay: false)

    @Argument(help: "The task id.")
    var taskId: String

    func run() throws {
        let found = try TaskSource.json(id: taskId, status: { printError($0) })
        let line = String(found.source.map { $0 == "\n" ? " " : $0 }) + "\n"
        guard (Array(line.utf8) + found.body).withUnsafeBytes({ writeAll(1, $0) }) else {
            throw ValidationError("cannot write the task to standard output")
        }
    }
}
