// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Testing
import ALSASequencer

@Test func aHardwareTypedPortIsHardware() {
    #expect(FakePorts.usb1.kind == .hardware)
}

@Test func aSoftwareTypedKernelPortIsSoftware() {
    // snd-virmidi and Midi Through say "software" and "port".
    #expect(FakePorts.virmidi.kind == .software)
    #expect(FakePorts.through.kind == .software)
}

@Test func anApplicationPortIsSoftware() {
    #expect(FakePorts.fluid.kind == .software)
}


@Test func aPortThatSaysNothingIsJudgedByItsClient() {
    #expect(FakePorts.port(20, 0, "k", "p", .kernel, type: [.midiGeneric]).kind == .hardware)
    #expect(FakePorts.port(130, 0, "u", "p", .user, type: [.midiGeneric]).kind == .software)
}

@Test func playableLeavesOutTheSystemOurClientAndUnwritablePorts() {
    let system = FakePorts.port(0, 1, "System", "Announce", caps: [.read, .subscriptionRead])
    let ours = FakePorts.port(129, 0, "miditask", "miditask output", .user)
    let readOnly = FakePorts.port(24, 0, "Keyboard", "out", caps: [.read, .subscriptionRead])
    let private_ = FakePorts.port(25, 0, "Private", "in", caps: [.write, .subscriptionWrite, .noExport])
    let listed = [ours, FakePorts.virmidi, system, readOnly, private_, FakePorts.through].playable(excludingClient: 129)
    #expect(listed == [FakePorts.through, FakePorts.virmidi])
}
