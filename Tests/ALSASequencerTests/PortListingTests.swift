// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import ALSASequencer
import Testing

@Test func tableAlignsColumnsAndSaysKindAndClientType() {
    #expect(PortListing.table([FakePorts.through, FakePorts.usb1]) == """
         Port    Client name   Port name            Kind
         14:0    Midi Through  Midi Through Port-0  software (kernel)
         20:0    UM-2          UM-2 MIDI 1          hardware (kernel)

        """)
}

@Test func tableOfNothingSaysSo() {
    #expect(PortListing.table([]) == "no writable MIDI ports\n")
}

@Test func jsonHasOneObjectPerPortWithTheDocumentedFields() {
    #expect(PortListing.json([FakePorts.fluid]) == """
        [
          {"address": "128:0", "client": 128, "port": 0, "clientName": "FLUID Synth (1234)", \
        "portName": "Synth input port (1234:0)", "kind": "software", "clientType": "user"}
        ]

        """)
}

@Test func jsonOfNothingIsAnEmptyArray() {
    #expect(PortListing.json([]) == "[]\n")
}

@Test func jsonEscapesQuotesBackslashesAndControlCharactersInNames() {
    var port = FakePorts.fluid
    port.clientName = "a\"b\\c\nd\u{1}"
    #expect(PortListing.json([port]).contains(#""clientName": "a\"b\\c\nd\u0001""#))
}
