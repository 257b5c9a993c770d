// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import FluidSynthOutput
import MIDITask
import MIDIWire
import Sequencer
import Testing

/// Several synthesizers rendering parts of a song side by side, summed.
@Suite struct RenderPartsTests {
    @Test func aStemPlaysItsOwnNotesAndTheWholeSetUp() throws {
        let parts = RenderParts.instruments([0, 2])
        var reached: [Int] = []
        try parts.forEachPart(of: .noteOn(MIDIChannel(2), key: 60, velocity: 90), track: 2) { reached.append($0) }
        #expect(reached == [1])
        reached = []
        try parts.forEachPart(of: .noteOff(MIDIChannel(1), key: 60), track: 1) { reached.append($0) }
        #expect(reached == [], "a note of an instrument with no stem reached \(reached)")
        try parts.forEachPart(of: .program(MIDIChannel(1), 33), track: TimelineEvent.setupTrack) { reached.append($0) }
        #expect(reached == [0, 1], "a program change reached \(reached)")
    }

    /// Each part's file is the same samples as that instrument rendered
    /// alone, and the mix their sum: events fall inside chunks and across
    /// their edges, on two threads.
    @Test func partsAreTheirInstrumentsAloneAndTheMixIsTheirSum() throws {
        let task = MIDITask(instruments: [
            Instrument(name: "Acoustic Grand Piano", notes: (0..<12).map { i in
                Note(pitch: UInt8(60 + i), start: TestSupport.seconds(0.05 + 0.17 * Double(i)),
                     end: TestSupport.seconds(0.3 + 0.17 * Double(i)), velocity: 0.8)
            }),
            Instrument(name: "Drums", notes: (0..<9).map { i in
                Note(pitch: i % 2 == 0 ? 36 : 38, start: TestSupport.seconds(0.11 + 0.23 * Double(i)),
                     end: TestSupport.seconds(0.16 + 0.23 * Double(i)), velocity: 0.9)
            }),
        ])
        let timeline = Timeline(task: task)
        let both = OfflineRenderer(synthesizers: [try TestSupport.synthesizer(), try TestSupport.synthesizer()],
                                   routing: .instruments([0, 1]), threads: 2)
        let mix = Recording(), piano = Recording(), drums = Recording()
        let result = try both.render(timeline.events, transport: RenderTransport(), into: mix, partSinks: [piano, drums],
                                     cancellation: nil)
        #expect(mix.finished && piano.finished && drums.finished)
        #expect(mix.samples.count == 2 * result.frames && piano.samples.count == mix.samples.count
            && drums.samples.count == mix.samples.count)
        #expect(result.frames > 44_100 * 2, "\(result.frames) frames")

        // Each part sounds from the block of its first note: the piano's at
        // 0.05 s (frame 2205, block 2176), the drums' at 0.11 s (frame 4851,
        // block 4864), inside the second 4096-frame chunk (a kick swells in
        // over a block or so).
        for (part, block) in [(piano, 2176), (drums, 4864)] {
            let first = (part.samples.firstIndex { abs($0) > 1e-4 } ?? -2) / 2
            #expect(first >= block && first < block + 256, "sound from frame \(first), its note's block is \(block)")
        }

        for (instrument, part) in [(0, piano), (1, drums)] {
            let alone = OfflineRenderer(synthesizers: [try TestSupport.synthesizer()], routing: .instruments([instrument]),
                                        threads: 1)
            let solo = Recording()
            _ = try alone.render(timeline.events, transport: RenderTransport(), into: solo, cancellation: nil)
            let count = min(solo.samples.count, part.samples.count)
            #expect(count > 44_100)
            #expect(Array(solo.samples[..<count]) == Array(part.samples[..<count]),
                    "instrument \(instrument) rendered with the other differs from it alone")
            #expect(solo.samples.map(abs).max()! > 0.01, "instrument \(instrument) is silent")
        }
        let worst = mix.samples.indices.map { abs(mix.samples[$0] - piano.samples[$0] - drums.samples[$0]) }.max()!
        #expect(worst < 1e-6, "the mix differs from the parts' sum by \(worst)")
    }

    /// Float frames kept in memory.
    final class Recording: AudioFileSink {
        var samples: [Float] = []
        var finished = false
        func write(_ samples: UnsafeBufferPointer<Float>) throws(RenderError) { self.samples += samples }
        func finish() throws(RenderError) { finished = true }
    }
}
