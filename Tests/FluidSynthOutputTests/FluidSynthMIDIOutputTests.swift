// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import FluidSynthOutput
import MIDIWire
import Foundation
import Testing

@Suite struct FluidSynthMIDIOutputTests {
    /// Renders `seconds` of audio and returns the peak, so voices advance.
    func peak(_ synth: Synthesizer, seconds: Double) throws -> Float {
        var buffer = [Float](repeating: 0, count: 2 * 4096)
        var peak: Float = 0
        for _ in 0..<Int((seconds * synth.sampleRate / 4096).rounded(.up)) {
            try buffer.withUnsafeMutableBufferPointer { try synth.render(frames: 4096, into: $0.baseAddress!) }
            peak = max(peak, buffer.map(abs).max()!)
        }
        return peak
    }

    @Test func allSoundOffReleasesVoicesInsteadOfCuttingThem() throws {
        let synth = try TestSupport.synthesizer(reverb: false, chorus: false)
        try FluidSynthMIDIOutput.apply(.program(MIDIChannel(0), 48), to: synth)  // strings: slow release
        try FluidSynthMIDIOutput.apply(.noteOn(MIDIChannel(0), key: 60, velocity: 100), to: synth)
        #expect(try peak(synth, seconds: 0.5) > 0.01)
        try FluidSynthMIDIOutput.apply(.control(MIDIChannel(0), Controller(120), 0), to: synth)
        // Still fading a moment later...
        #expect(try peak(synth, seconds: 0.05) > 0.001)
        // ...and gone once the release is over.
        _ = try peak(synth, seconds: 3)
        #expect(synth.activeVoiceCount == 0)
    }

    @Test func noteOffOfASilentKeyIsNoError() throws {
        let synth = try TestSupport.synthesizer()
        try FluidSynthMIDIOutput.apply(.noteOff(MIDIChannel(3), key: 70), to: synth)
        try FluidSynthMIDIOutput.apply(MIDIMessage(status: 0x93, data1: 70, data2: 0), to: synth)
    }

    @Test func playsThroughARealAudioDriver() throws {
        // FluidSynth's "file" driver: the real driver thread, clocked in real
        // time, writing what it renders to a file (no sound card needed).
        let path = try TestSupport.temporaryFolder() + "/live.wav"
        var configuration = SynthConfiguration()
        configuration.soundFonts = [try TestSupport.soundFont()]
        configuration.audioDriver = "file"
        configuration.settings = [("audio.file.name", path)]
        let output = try FluidSynthMIDIOutput(configuration: configuration)
        try output.send(.program(MIDIChannel(0), 0))
        try output.send(.noteOn(MIDIChannel(0), key: 64, velocity: 110))
        usleep(300_000)
        try output.send(.noteOff(MIDIChannel(0), key: 64))
        try output.flush()
        output.close()
        let (_, samples) = try TestSupport.readWAV(path)
        let peak = samples.map { abs(Int($0)) }.max() ?? 0
        #expect(peak > 1000, "peak \(peak) of 32767")
        // close() let the release ring out: the file runs past the note-off.
        #expect(Double(samples.count / 2) / 44_100 > 0.35)
    }

    @Test func audioDeviceForADriverWithoutOneIsAnError() throws {
        var configuration = SynthConfiguration()
        configuration.audioDriver = "file"
        configuration.audioDevice = "hw:0"
        #expect {
            _ = try configuration.makeSettings(forPlayback: true)
        } throws: { error in
            "\(error)" == "Cannot use audio device hw:0 - the file driver takes no device setting"
        }
    }
}
