// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Testing
@testable import Sequencer

@Suite struct InstrumentMappingTests {
    @Test func everyGeneralMIDINameMapsToItsProgram() {
        #expect(GeneralMIDI.programNames.count == 128)
        for (program, name) in GeneralMIDI.programNames.enumerated() {
            let (choice, source) = InstrumentMapping.resolve(name)
            #expect(choice == .melodic(UInt8(program)), "\(name)")
            #expect(source == .generalMIDI)
        }
    }

    @Test(arguments: [("Electric Bass (finger)", 33), ("electric bass finger", 33), ("ELECTRIC-BASS  (FINGER)", 33),
                      ("honky tonk piano", 3), ("Steel Drums", 114), ("Synth Drum", 118), ("Clavi", 7)])
    func namesCompareIgnoringCaseAndPunctuation(_ name: String, _ program: UInt8) {
        #expect(InstrumentMapping.resolve(name).choice == .melodic(program))
    }

    @Test(arguments: ["Drums", "drum kit", "Percussion", "DRUMS & PERCUSSION", "Kick"])
    func percussionNamesGoToTheDrumKit(_ name: String) {
        #expect(InstrumentMapping.resolve(name) == (.drums, .generalMIDI))
    }

    @Test(arguments: [("Vocals", 53), ("Bass", 33), ("Piano", 0), ("Strings", 48), ("Guitar", 25),
                      ("Lead Vocals", 53), ("Synth Bass", 38), ("Keys", 0), ("Brass", 61)])
    func stemNamesGetAGuess(_ name: String, _ program: UInt8) {
        #expect(InstrumentMapping.resolve(name) == (.melodic(program), .guessed))
    }

    @Test func unknownNamesFallBackToProgramZero() {
        #expect(InstrumentMapping.resolve("Zorblax 9000") == (.melodic(0), .fallback))
    }
}
