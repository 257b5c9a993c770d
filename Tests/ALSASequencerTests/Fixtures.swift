// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer

/// Ports as a machine with a USB interface, a software synth and the kernel's
/// virtual devices lists them.
enum FakePorts {
    static func port(_ client: UInt8, _ port: UInt8, _ clientName: String, _ portName: String,
                     _ clientType: ClientType = .kernel,
                     caps: PortCapabilities = [.write, .subscriptionWrite, .read, .subscriptionRead],
                     type: PortType = [.midiGeneric, .hardware, .port]) -> PortDescription {
        PortDescription(address: PortAddress(client: client, port: port), clientName: clientName, portName: portName,
                        clientType: clientType, capabilities: caps, type: type)
    }

    static let through = port(14, 0, "Midi Through", "Midi Through Port-0", type: [.midiGeneric, .software, .port])
    static let virmidi = port(16, 0, "Virtual Raw MIDI 0-0", "VirMIDI 0-0", type: [.midiGeneric, .software, .port])
    static let usb1 = port(20, 0, "UM-2", "UM-2 MIDI 1")
    static let usb2 = port(20, 1, "UM-2", "UM-2 MIDI 2")
    static let fluid = port(128, 0, "FLUID Synth (1234)", "Synth input port (1234:0)", .user,
                            caps: [.write, .subscriptionWrite], type: [.midiGeneric, .synthesizer, .application])

    static let all = [through, virmidi, usb1, usb2, fluid]
}
