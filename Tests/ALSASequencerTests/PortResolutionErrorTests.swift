// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Testing
import ALSASequencer

@Test func unknownNameMessageListsEveryPortWithAddressAndNames() {
    let error = PortResolutionError(spec: .name("yamaha"), problem: .noMatch, candidates: [FakePorts.through, FakePorts.usb1])
    #expect(error.description == """
        no writable MIDI port matches "yamaha"; the ports are:
          14:0 Midi Through / Midi Through Port-0
          20:0 UM-2 / UM-2 MIDI 1
        """)
}

@Test func ambiguousMessageListsTheCandidates() {
    let error = PortResolutionError(spec: .name("um"), problem: .ambiguous, candidates: [FakePorts.usb1, FakePorts.usb2])
    #expect(error.description == """
        "um" matches 2 ports; name one of them:
          20:0 UM-2 / UM-2 MIDI 1
          20:1 UM-2 / UM-2 MIDI 2
        """)
}

@Test func timeoutMessageSaysHowLongItWaited() {
    let error = PortResolutionError(spec: .name("um"), problem: .timedOut(seconds: 2.5), candidates: [])
    #expect(error.description == "no writable MIDI port matching \"um\" appeared within 2.5 s (there are no writable MIDI ports)")
}
