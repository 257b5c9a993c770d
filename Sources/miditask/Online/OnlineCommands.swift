// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

// Stand-ins for miditask-api's commands, so that `miditask --help`, the man
// page and the completions list them. With miditask-api installed they are
// never run (`OnlineProgram.handOver` runs it first); without it, each says
// what to install.

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch a task from the API by id and store it in the local library (miditask-api).")

    @Argument(parsing: .allUnrecognized, help: "See `miditask fetch --help` with miditask-api installed.")
    var arguments: [String] = []

    func run() throws { throw OnlineProgram.missing("fetch") }
}

struct Listen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Receive the API's callbacks over HTTP(S) and store their tasks in the library (miditask-api).")

    @Argument(parsing: .allUnrecognized, help: "See `miditask listen --help` with miditask-api installed.")
    var arguments: [String] = []

    func run() throws { throw OnlineProgram.missing("listen") }
}

struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the tasks in the local library (miditask-api).")

    @Argument(parsing: .allUnrecognized, help: "See `miditask tasks --help` with miditask-api installed.")
    var arguments: [String] = []

    func run() throws { throw OnlineProgram.missing("tasks") }
}

struct ListenBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Send a burst of signed callbacks to an in-process listener on loopback (miditask-api).")

    @Argument(parsing: .allUnrecognized, help: "See `miditask bench listen --help` with miditask-api installed.")
    var arguments: [String] = []

    func run() throws { throw OnlineProgram.missing("bench listen") }
}
