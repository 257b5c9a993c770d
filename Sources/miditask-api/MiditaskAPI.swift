// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport

/// The online program: what needs HTTP, TLS or the task library's database.
/// Users reach it through `miditask` (`miditask fetch …`), which hands these
/// commands to it, so it speaks under that name.
@main
struct MiditaskAPI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miditask",
        abstract: "Fetch MIDI generation tasks, receive their callbacks, keep them in a library.",
        discussion: "miditask-api, the online part of miditask; the playback commands are miditask's.",
        version: "miditask-api \(Version.number)",
        subcommands: [Fetch.self, Listen.self, Tasks.self, Doctor.self, OnlineBench.self, TaskJSON.self]
    )
}

/// `bench listen`, the one benchmark that needs the HTTP stack.
struct OnlineBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure callback throughput.",
        subcommands: [ListenBench.self])
}
