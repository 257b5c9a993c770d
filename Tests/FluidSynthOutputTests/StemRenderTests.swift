// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FluidSynthOutput
import Foundation
import MIDITask
import Sequencer
import Testing

/// Stems read back through libsndfile: as long as the mix, adding up to it,
/// and their mix sounding as one synthesizer's does.
@Suite struct StemRenderTests {
    /// Piano and drums (TestSupport.spacedTask), a bass, a second drum kit
    /// sharing channel 10 with the first, and an instrument with no notes.
    static func bandTask() -> MIDITask {
        let spaced = TestSupport.spacedTask()
        let bass = (0..<5).map { i in
            Note(pitch: UInt8(40 + i), start: TestSupport.seconds(0.3 + 0.5 * Double(i)),
                 end: TestSupport.seconds(0.6 + 0.5 * Double(i)), velocity: 0.9)
        }
        let hats = (0..<8).map { i in
            Note(pitch: 42, start: TestSupport.seconds(0.1 + 0.3 * Double(i)), end: TestSupport.seconds(0.15 + 0.3 * Double(i)),
                 velocity: 0.7)
        }
        return MIDITask(instruments: spaced.instruments + [
            Instrument(name: "Electric Bass (finger)", notes: bass),
            Instrument(name: "Drums", notes: hats),
            Instrument(name: "String Ensemble 1", notes: []),
        ])
    }

    func configuration() throws -> SynthConfiguration {
        var c = SynthConfiguration()
        c.soundFonts = [try TestSupport.soundFont()]
        c.sampleRate = 44_100
        return c
    }

    /// The band's timeline, its stems planned into `folder`/stems (made) and
    /// a mix file beside them, all as floats.
    static func bandStems(in folder: String) throws -> (Timeline, (stems: [Stem], empty: [Int]), RenderFile) {
        let task = bandTask()
        let timeline = Timeline(task: task)
        let plan = Stem.plan(timeline, instrumentNames: task.instruments.map(\.name), directory: folder + "/stems",
                             format: .wav, sampleFormat: .f32, overwrite: false)
        try FileManager.default.createDirectory(atPath: folder + "/stems", withIntermediateDirectories: true)
        return (timeline, plan, RenderFile(path: folder + "/mix.wav", format: .wav, sampleFormat: .f32, overwrite: false))
    }

    @Test func stemsAddUpToTheMixAndShareItsLength() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (timeline, plan, mix) = try Self.bandStems(in: folder)
        let results = try StemRender(timeline: timeline, stems: plan.stems, mix: mix)
            .run(configuration: configuration(), threads: 2)

        let mixed = try TestSupport.readBack(mix.path)
        #expect(mixed.frames == results.mix.frames)
        var sum = [Float](repeating: 0, count: mixed.samples.count)
        for stem in plan.stems {
            let part = try TestSupport.readBack(stem.file.path)
            #expect(part.frames == mixed.frames, "\(stem.file.path) has \(part.frames) frames, the mix \(mixed.frames)")
            #expect(part.peak > 0.001, "\(stem.file.path) is silent")
            for i in 0..<min(sum.count, part.samples.count) { sum[i] += part.samples[i] }
        }
        // The mix is the stems' sum, to the float's rounding.
        let worst = zip(sum, mixed.samples).map { abs($0 - $1) }.max() ?? 0
        #expect(worst < 1e-5, "the summed stems differ from the mix by \(worst)")

        // And it sounds as one synthesizer's mix of the song does.
        let single = RenderFile(path: folder + "/single.wav", format: .wav, sampleFormat: .f32, overwrite: false)
        _ = try RenderJob(timeline: timeline, file: single).run(configuration: configuration())
        let one = try TestSupport.readBack(single.path)
        let count = min(one.samples.count, mixed.samples.count)
        // A stem that falls silent is not synthesized until its next note, so
        // its reverb and chorus modulate on a clock of their own, and the
        // tails cross the end-of-tail level at slightly different instants:
        // within the tail's own test of silence (0.1 s).
        #expect(abs(one.frames - mixed.frames) <= 4_410, "one synth's mix has \(one.frames) frames, the stems' \(mixed.frames)")
        let toInt16 = { (x: ArraySlice<Float>) in x.map { Int16(max(-32767, min(32767, ($0 * 32767).rounded()))) } }
        let window = 441
        let correlation = TestSupport.correlation(TestSupport.rmsEnvelope(toInt16(one.samples[..<count]), window: window),
                                                  TestSupport.rmsEnvelope(toInt16(mixed.samples[..<count]), window: window))
        #expect(correlation >= 0.95, "envelope correlation of the stems' mix with one synth's: \(correlation)")
        // Closer still, sample by sample: each synth has its own reverb and chorus, which add up.
        var error = 0.0, power = 0.0
        for i in 0..<count {
            error += Double(one.samples[i] - mixed.samples[i]) * Double(one.samples[i] - mixed.samples[i])
            power += Double(one.samples[i]) * Double(one.samples[i])
        }
        #expect((error / power).squareRoot() < 0.05, "residual of the stems' mix against one synth's: \((error / power).squareRoot())")
    }

    /// Normalized, the written mix (the stems' sum) peaks at −1 dBFS to the
    /// float's rounding: the gain is measured on that sum, not on a
    /// one-synthesizer render, which may peak elsewhere.
    @Test func normalizedStemsPutTheirSumAtMinusOneDecibel() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (timeline, plan, mix) = try Self.bandStems(in: folder)
        let results = try StemRender(timeline: timeline, stems: plan.stems, mix: mix, normalize: true)
            .run(configuration: configuration(), threads: 2)
        let peak = try TestSupport.readBack(mix.path).peak
        let target = Float(pow(10, RenderJob.normalizedPeak / 20))
        #expect(abs(peak - target) < 1e-4, "the mix peaks at \(20 * log10(Double(peak))) dBFS")
        #expect(results.mix.gain != 1)
        #expect(results.stems.allSatisfy { $0.gain == results.mix.gain }, "every stem has the mix's gain")
    }

    @Test func twoKitsOnOneChannelComeApart() throws {
        let folder = try TestSupport.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let task = Self.bandTask()
        let timeline = Timeline(task: task)
        let channels = timeline.plan.assignments.filter(\.isDrum).map(\.channel)
        #expect(channels.count == 2 && channels[0] == channels[1], "both kits share one channel: \(channels)")
        let plan = Stem.plan(timeline, instrumentNames: task.instruments.map(\.name), directory: folder,
                             format: .wav, sampleFormat: .f32, overwrite: false)
        let kits = plan.stems.filter { $0.name == "Drums" }
        _ = try StemRender(timeline: timeline, stems: kits, mix: nil).run(configuration: configuration(), threads: 2)
        // The first kit strikes once, at 2.6 s; the second plays hats from 0.1 s to 2.25 s.
        let first = try TestSupport.readBack(kits[0].file.path), second = try TestSupport.readBack(kits[1].file.path)
        let early = 0..<(2 * 44_100 * 24 / 10)
        #expect(first.samples[early].map(abs).max()! < 1e-3, "the single-hit kit sounds before its hit")
        #expect(second.samples[early].map(abs).max()! > 1e-2, "the hi-hat kit is silent where it plays")
        #expect(first.samples[(2 * 44_100 * 26 / 10)...].map(abs).max()! > 1e-2, "the single hit is missing")
    }

    @Test func anInstrumentWithoutNotesGetsNoStem() {
        let task = Self.bandTask()
        let plan = Stem.plan(Timeline(task: task), instrumentNames: task.instruments.map(\.name), directory: "/out",
                             format: .flac, sampleFormat: nil, overwrite: false)
        #expect(plan.empty == [4])
        #expect(plan.stems.map(\.file.path) == ["/out/01-acoustic-grand-piano.flac", "/out/02-drums.flac",
                                                 "/out/03-electric-bass-finger.flac", "/out/04-drums.flac"])
    }

    @Test func fileNamesAreTheNumberAndASlugOfTheName() {
        #expect(Stem.fileName(number: 2, name: "Electric Bass (finger)", format: .wav) == "02-electric-bass-finger.wav")
        #expect(Stem.fileName(number: 13, name: "  Lead 1 -- (square)!", format: .opus) == "13-lead-1-square.opus")
        #expect(Stem.fileName(number: 1, name: "Ω", format: .ogg) == "01-instrument.ogg")
        #expect(Stem.fileName(number: 100, name: "Drums", format: .mp3) == "100-drums.mp3")
    }
}
