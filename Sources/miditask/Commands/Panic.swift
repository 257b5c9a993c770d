// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import ArgumentParser
import CommandLineSupport
import Glibc
import MIDIWire

/// `miditask panic`: silence synths left hanging by another program.
struct Panic: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Silence MIDI ports: every note off, then all-sound-off, all-notes-off, sustain off and reset controllers.",
        discussion: """
            On all 16 channels of each port: a note-off for every key, then all-sound-off, \
            all-notes-off, sustain off and reset-all-controllers. Without --port, every \
            hardware port `miditask ports` lists. Sent at about MIDI's own wire speed \
            (some 0.1 s a channel), so that no interface's buffer overflows.
            """)

    @Option(name: .customLong("port"), parsing: .singleValue,
            help: ArgumentHelp("A port to silence, as `play --port` takes it. Repeatable or comma-separated.",
                               valueName: "SPEC"))
    var portValues: [String] = []

    func validate() throws {
        for value in portValues where PortSpec.list(from: [value]).isEmpty {
            throw ValidationError("--port \"\(value)\": empty port spec; expected client:port or a port name")
        }
    }

    /// 31,250 baud, 10 bits a byte.
    static let wireBytesPerSecond = 3_125.0

    func run() throws {
        var specs = PortSpec.list(from: portValues)
        if specs.isEmpty {
            let hardware = try PortList.playable().filter { $0.kind == .hardware }
            guard !hardware.isEmpty else {
                throw ValidationError("no hardware MIDI port to silence (see `miditask ports`); name one with --port")
            }
            specs = hardware.map { .address($0.address) }
        }
        let output = try ALSAMIDIOutput(ports: specs, clientName: "miditask panic")
        for number in UInt8(0)..<16 {
            let messages = MIDIMessage.panic(MIDIChannel(number))
            for message in messages { try output.send(message) }
            try output.flush()
            // Running status makes a note-off two bytes on the wire.
            let bytes = Double(messages.count * 2 + 8)
            usleep(useconds_t(bytes / Self.wireBytesPerSecond * 1e6))
        }
        let names = output.destinations.map { "\($0.address) (\($0.clientName))" }.joined(separator: ", ")
        printError("silenced 16 channels of \(names)")
    }
}
