// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport

@main
struct Miditask: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "miditask",
        abstract: "Play, render and export MIDI generation tasks.",
        // ArgumentParser prints this as is for `--version`: the name makes it
        // read like other tools' (`miditask 0.8.0`).
        version: "miditask \(Version.number)",
        subcommands: [Info.self, Export.self, Play.self, Render.self, Ports.self,
                      Fetch.self, Listen.self, Tasks.self, Panic.self, Bench.self, Roll.self,
                      Doctor.self]
    )

    /// miditask-api's commands go to it first, when it is installed.
    static func main() {
        OnlineProgram.handOver(CommandLine.arguments)
        main(nil)
    }
}
