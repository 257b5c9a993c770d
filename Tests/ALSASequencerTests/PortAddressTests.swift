// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Testing
import ALSASequencer

@Test func parsesClientColonPort() {
    #expect(PortAddress("24:0") == PortAddress(client: 24, port: 0))
    #expect(PortAddress("128:3") == PortAddress(client: 128, port: 3))
}

@Test func rejectsAnythingButTwoDecimalNumbers() {
    for text in ["24", "24:", ":0", "24:0:1", "a:0", "24:x", "300:0", "24:-1", "２４:0", ""] {
        #expect(PortAddress(text) == nil, "\(text)")
    }
}

@Test func printsAsClientColonPort() {
    #expect(PortAddress(client: 16, port: 2).description == "16:2")
}

@Test func ordersByClientThenPort() {
    #expect(PortAddress(client: 14, port: 5) < PortAddress(client: 16, port: 0))
    #expect(PortAddress(client: 16, port: 0) < PortAddress(client: 16, port: 1))
}
