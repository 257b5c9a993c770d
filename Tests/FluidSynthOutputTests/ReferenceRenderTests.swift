// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FluidSynthOutput
import Foundation
import MIDITask
import ProcessTesting
import Sequencer
import Testing

/// Our render against FluidSynth's own command (`fluidsynth -ni -F`) playing
/// the MIDI file we export, with the same SoundFont.
@Suite struct ReferenceRenderTests {
    let rate = 44_100
    /// 10 ms windows.
    var window: Int { rate / 100 }

    /// Two instruments, chords and drums, over about six seconds.
    static func song() -> MIDITask {
        let s = TestSupport.seconds
        var piano: [Note] = [], bass: [Note] = [], drums: [Note] = []
        for bar in 0..<6 {
            let t = 0.25 + Double(bar) * 0.9
            for (k, pitch) in [60, 64, 67].enumerated() {
                piano.append(Note(pitch: UInt8(pitch + bar % 3), start: s(t + Double(k) * 0.01),
                                  end: s(t + 0.6), velocity: 0.6 + 0.05 * Double(k)))
            }
            bass.append(Note(pitch: UInt8(36 + bar % 3), start: s(t), end: s(t + 0.4), velocity: 0.9))
            drums.append(Note(pitch: 36, start: s(t), end: s(t + 0.1), velocity: 1))
            drums.append(Note(pitch: 42, start: s(t + 0.45), end: s(t + 0.5), velocity: 0.7))
        }
        return MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: piano),
                                      Instrument(name: "Electric Bass (finger)", notes: bass),
                                      Instrument(name: "Drums", notes: drums)])
    }

    func envelopes() throws -> (ours: [Double], theirs: [Double]) {
        let fluidsynth = "/usr/bin/fluidsynth"
        try #require(FileManager.default.isExecutableFile(atPath: fluidsynth), "the fluidsynth command is needed")
        let folder = try TestSupport.temporaryFolder()
        let timeline = Timeline(task: Self.song())
        try Data(StandardMIDIFile.bytes(for: timeline, title: "reference"))
            .write(to: URL(fileURLWithPath: folder + "/song.mid"))
        let soundFont = try TestSupport.soundFont()

        let reference = try ChildProcess.run(fluidsynth, ["-ni", "-F", folder + "/theirs.wav", "-r", "\(rate)", soundFont,
                                                          folder + "/song.mid"])
        try #require(reference.status == 0, "\(reference.stderr)")

        let renderer = OfflineRenderer(synthesizer: try TestSupport.synthesizer())
        _ = try RenderFile(path: folder + "/ours.wav", format: .wav, overwrite: false).render(timeline, with: renderer)
        let ours = try TestSupport.readWAV(folder + "/ours.wav")
        let theirs = try TestSupport.readWAV(folder + "/theirs.wav")
        #expect(theirs.rate == rate)
        return (TestSupport.rmsEnvelope(ours.samples, window: window),
                TestSupport.rmsEnvelope(theirs.samples, window: window))
    }

    @Test func loudnessEnvelopeFollowsFluidSynthsOwnRender() throws {
        let (ours, theirs) = try envelopes()
        let r = TestSupport.correlation(ours, theirs)
        // Measured 0.99; the same render 10 ms late measures about 0.86,
        // 20 ms late about 0.6, so the bound catches misplaced notes.
        #expect(r > 0.95, "correlation \(r)")
        let late = TestSupport.correlation([0] + ours, theirs)
        #expect(late < 0.95, "a render 10 ms late correlates \(late)")
    }

    @Test func ourTailEndsWhereFluidSynthsFallsSilent() throws {
        let (ours, theirs) = try envelopes()
        // fluidsynth renders on for a while after the last event; past our
        // end its output is dither noise, so we cut nothing audible.
        #expect(theirs.count > ours.count)
        let after = theirs[ours.count...]
        #expect(after.max()! < 4, "fluidsynth's RMS after our end reaches \(after.max()!) of 32767")
        // And we do not stop early: our last 100 ms are as quiet as theirs.
        #expect(ours.suffix(10).max()! < 4)
    }

    @Test func overallLevelMatchesFluidSynthsOwnRender() throws {
        let (ours, theirs) = try envelopes()
        let n = min(ours.count, theirs.count)
        let a = ours[..<n].reduce(0, +), b = theirs[..<n].reduce(0, +)
        #expect(abs(a / b - 1) < 0.1, "our level is \(a / b) of fluidsynth's")
    }
}
