// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Testing
import ALSASequencer

@Test func readsNumbersAsAnAddress() {
    #expect(PortSpec("20:1") == .address(PortAddress(client: 20, port: 1)))
}

@Test func readsABareNumberAsAClient() {
    #expect(PortSpec("20") == .client(20))
}

@Test func readsNameColonNumberAsAClientNameAndPort() {
    #expect(PortSpec("Midi Through:0") == .clientNameAndPort("Midi Through", 0))
}

@Test func readsAnythingElseAsAName() {
    #expect(PortSpec(" fluid ") == .name("fluid"))
    #expect(PortSpec("UM-2 MIDI 1") == .name("UM-2 MIDI 1"))
}

@Test func rejectsAnEmptySpec() {
    #expect(PortSpec("  ") == nil)
}

@Test func splitsCommaSeparatedAndRepeatedValues() {
    #expect(PortSpec.list(from: ["14:0,fluid", "virmidi", ","]) == [
        .address(PortAddress(client: 14, port: 0)), .name("fluid"), .name("virmidi"),
    ])
}

@Test func resolvesAnAddressToThatPort() throws {
    #expect(try PortSpec("20:1")!.resolve(in: FakePorts.all) == FakePorts.usb2)
}

@Test func resolvesAClientWithOnePortToIt() throws {
    #expect(try PortSpec("128")!.resolve(in: FakePorts.all) == FakePorts.fluid)
}

@Test func resolvesAClientWithTwoPortsAsAmbiguous() {
    #expect(throws: PortResolutionError(spec: .client(20), problem: .ambiguous, candidates: [FakePorts.usb1, FakePorts.usb2])) {
        try PortSpec("20")!.resolve(in: FakePorts.all)
    }
}

@Test func resolvesAUniquePartOfAPortNameIgnoringCase() throws {
    #expect(try PortSpec("virmidi")!.resolve(in: FakePorts.all) == FakePorts.virmidi)
    #expect(try PortSpec("synth input")!.resolve(in: FakePorts.all) == FakePorts.fluid)
}

@Test func resolvesAUniquePartOfAClientName() throws {
    #expect(try PortSpec("fluid")!.resolve(in: FakePorts.all) == FakePorts.fluid)
}

@Test func prefersAnExactPortNameToPartialMatches() throws {
    // "UM-2 MIDI 1" is also part of no other name, but "um-2 midi" is part of two.
    #expect(try PortSpec("um-2 midi 1")!.resolve(in: FakePorts.all) == FakePorts.usb1)
}

@Test func prefersAnExactClientNameToPartialMatches() throws {
    let through2 = FakePorts.port(130, 0, "Midi Through Extra", "x")
    #expect(try PortSpec("midi through")!.resolve(in: [FakePorts.through, through2]) == FakePorts.through)
}

@Test func reportsAPartShareByTwoPortsAsAmbiguousListingThem() {
    #expect(throws: PortResolutionError(spec: .name("midi"), problem: .ambiguous,
                                        candidates: [FakePorts.through, FakePorts.virmidi, FakePorts.usb1, FakePorts.usb2])) {
        try PortSpec("midi")!.resolve(in: FakePorts.all)
    }
}

@Test func reportsAnUnknownNameListingEveryPort() {
    #expect(throws: PortResolutionError(spec: .name("yamaha"), problem: .noMatch, candidates: FakePorts.all)) {
        try PortSpec("yamaha")!.resolve(in: FakePorts.all)
    }
}

@Test func reportsAnAddressThatIsNotPlayableAsUnknown() {
    #expect(throws: PortResolutionError(spec: .address(PortAddress(client: 99, port: 0)), problem: .noMatch, candidates: FakePorts.all)) {
        try PortSpec("99:0")!.resolve(in: FakePorts.all)
    }
}

@Test func resolvesAClientNameAndPortNumber() throws {
    #expect(try PortSpec("um-2:1")!.resolve(in: FakePorts.all) == FakePorts.usb2)
}

@Test func resolvesSeveralSpecsInOrderWithoutRepeats() throws {
    let specs = PortSpec.list(from: ["fluid,16:0", "virmidi"])
    #expect(try PortSpec.resolve(specs, in: FakePorts.all) == [FakePorts.fluid, FakePorts.virmidi])
}

@Test func failsSeveralSpecsOnTheFirstBadOne() {
    let specs = PortSpec.list(from: ["fluid", "nothing", "midi"])
    #expect(throws: PortResolutionError(spec: .name("nothing"), problem: .noMatch, candidates: FakePorts.all)) {
        try PortSpec.resolve(specs, in: FakePorts.all)
    }
}
