// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import ArgumentParser
import CommandLineSupport

struct Ports: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the MIDI ports that play --port can send to: synths, MIDI interfaces, recorders.",
        discussion: """
            Like `aplaymidi -l`: ports that accept subscriptions for writing, except the \
            system's and miditask's own. `kind` is hardware for device ports (a MIDI \
            interface, a sound card's synth) and software for programs and virtual \
            kernel devices; `clientType` says whether the client is a kernel driver or a process.
            """)

    @Argument(help: "Show only the port each spec selects, as --port would (client:port or a name).")
    var specs: [String] = []

    @Flag(help: "Print a JSON array of {address, client, port, clientName, portName, kind, clientType}.")
    var json = false

    func run() throws {
        var ports = try PortList.playable()
        if !specs.isEmpty {
            ports = try PortSpec.resolve(PortSpec.list(from: specs), in: ports)
        }
        print(json ? PortListing.json(ports) : PortListing.table(ports), terminator: "")
    }
}
