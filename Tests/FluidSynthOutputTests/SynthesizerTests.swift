// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import FluidSynthOutput
import Foundation
import Testing

@Suite struct SynthesizerTests {
    @Test func missingSoundFontErrorNamesThePath() throws {
        let synth = try Synthesizer(settings: FluidSettings())
        #expect {
            try synth.loadSoundFont("/nonexistent/piano.sf2")
        } throws: { error in
            "\(error)" == "Cannot load SoundFont /nonexistent/piano.sf2 - No such file or directory"
        }
    }

    @Test func fileThatIsNoSoundFontIsRejected() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/notes.sf2"
        try Data("just text".utf8).write(to: URL(fileURLWithPath: path))
        let synth = try Synthesizer(settings: FluidSettings())
        #expect {
            try synth.loadSoundFont(path)
        } throws: { error in
            "\(error)" == "Cannot load SoundFont \(path) - not a SoundFont (.sf2) file"
        }
    }

    @Test func truncatedSoundFontReportsFluidSynthsReason() throws {
        let folder = try TestSupport.temporaryFolder()
        let path = folder + "/cut.sf2"
        let whole = try Data(contentsOf: URL(fileURLWithPath: TestSupport.soundFont()))
        try whole.prefix(4096).write(to: URL(fileURLWithPath: path))
        let synth = try Synthesizer(settings: FluidSettings())
        #expect {
            try synth.loadSoundFont(path)
        } throws: { error in
            // FluidSynth's own words, not just "failed".
            let text = "\(error)"
            return text.hasPrefix("Cannot load SoundFont \(path) - ") && text.lowercased().contains("size")
        }
    }

    @Test func channelTenPlaysTheDrumKitAfterTheTimelinesProgramChange() throws {
        let synth = try TestSupport.synthesizer()
        // What the timeline sends for drums: a program change 0, no bank select.
        try synth.programChange(channel: MIDIChannel(9), program: 0)
        #expect(try synth.program(channel: MIDIChannel(9)).bank == 128)
        // And for a melodic channel: bank select 0/0, then the program.
        try synth.controlChange(channel: MIDIChannel(0), controller: Controller(0), value: 0)
        try synth.controlChange(channel: MIDIChannel(0), controller: Controller(32), value: 0)
        try synth.programChange(channel: MIDIChannel(0), program: 40)
        #expect(try synth.program(channel: MIDIChannel(0)) == (bank: 0, program: 40))
    }
}
