// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer
import Testing

private let msec: Int64 = 1_000_000

/// A steady grid: `bpm` from `first` (ns), 4/4.
private func steady(_ bpm: Double, first: Int64 = 0, duration: Int64 = 10_000 * msec) -> TempoMap {
    TempoMap(estimate: .fixed(bpm: bpm, firstBeat: first, duration: duration), duration: duration)
}

private func task(_ starts: [Int64], length: Int64 = 100 * msec) -> MIDITask {
    MIDITask(instruments: [Instrument(name: "Piano", notes: starts.map {
        Note(pitch: 60, start: $0, end: $0 + length, velocity: 0.8)
    })])
}

@Suite struct QuantizerTests {
    @Test func gridNamesAreNoteValues() {
        #expect(QuantizeGrid("1/4")?.pointsPerBeat == 1)
        #expect(QuantizeGrid("1/8")?.pointsPerBeat == 2)
        #expect(QuantizeGrid("1/16")?.pointsPerBeat == 4)
        #expect(QuantizeGrid("1/8T")?.pointsPerBeat == 3)
        #expect(QuantizeGrid("1/16t")?.pointsPerBeat == 6)
        #expect(QuantizeGrid("1/5") == nil)
        #expect(QuantizeGrid("") == nil)
    }

    @Test func fullStrengthPutsOnsetsOnTheGridAndKeepsLengths() {
        // 120 BPM: sixteenths every 125 ms.
        let quantizer = Quantizer(grid: QuantizeGrid("1/16")!)
        let (out, summary) = quantizer.apply(to: task([20 * msec, 490 * msec, 1_140 * msec]), map: steady(120))
        #expect(out.instruments[0].notes.map(\.start) == [0, 500 * msec, 1_125 * msec])
        #expect(out.instruments[0].notes.map { $0.end - $0.start } == [100 * msec, 100 * msec, 100 * msec])
        #expect(summary.notes == 3 && summary.moved == 3)
        #expect(summary.largestOnsetShift == 20 * msec)
        #expect(summary.meanOnsetShift == Double(20 + 10 + 15) * 1e6 / 3)
    }

    @Test func halfStrengthMovesHalfway() {
        let quantizer = Quantizer(grid: QuantizeGrid("1/8")!, strength: 0.5)
        let (out, _) = quantizer.apply(to: task([280 * msec]), map: steady(120))
        #expect(out.instruments[0].notes[0].start == 265 * msec)
        let none = Quantizer(grid: QuantizeGrid("1/8")!, strength: 0).apply(to: task([280 * msec]), map: steady(120))
        #expect(none.task.instruments[0].notes[0].start == 280 * msec)
        #expect(none.summary.moved == 0)
    }

    @Test func tripletsDivideTheBeatInThree() {
        // 1/8t at 100 BPM (600 ms): every 200 ms.
        let (out, _) = Quantizer(grid: QuantizeGrid("1/8t")!).apply(to: task([190 * msec, 430 * msec, 590 * msec]),
                                                                     map: steady(100))
        #expect(out.instruments[0].notes.map(\.start) == [200 * msec, 400 * msec, 600 * msec])
    }

    @Test func theGridFollowsTheBarsOfADriftingSong() {
        // Eight bars of 4/4 slowing from 500 to 750 ms a beat. A note 20 ms after
        // the middle of beat 24 (14.5 s) goes to that middle, where a steady grid
        // at the average tempo would put it near 14.6 s.
        var beats: [Int64] = [0]
        for k in 0..<32 { beats.append(beats[k] + (500 + 250 * Int64(k) / 32) * msec) }
        let estimate = TempoEstimate(bpm: 60e9 * 32 / Double(beats[32]), beatsPerBar: 4, firstBeat: 0, confidence: 1,
                                     beats: beats)
        #expect(!estimate.isSteady)
        let map = TempoMap(estimate: estimate, duration: beats[32])
        let (out, _) = Quantizer(grid: QuantizeGrid("1/8")!).apply(to: task([14_520 * msec]), map: map)
        let start = out.instruments[0].notes[0].start
        #expect(abs(start - 14_500 * msec) <= 10 * msec, "\(start)")
        let flat = Quantizer(grid: QuantizeGrid("1/8")!).apply(to: task([14_520 * msec]),
                                                             map: steady(estimate.bpm, duration: beats[32])).task
        #expect(abs(flat.instruments[0].notes[0].start - 14_500 * msec) > 60 * msec)
    }

    @Test func beforeTheFirstBarTheLeadInBeatsAreTheGrid() {
        // First bar at 1.0 s, 120 BPM: two lead-in beats at 0 and 0.5 s.
        let map = steady(120, first: 1_000 * msec)
        let (out, _) = Quantizer(grid: QuantizeGrid("1/4")!).apply(to: task([260 * msec, 3_240 * msec]), map: map)
        #expect(out.instruments[0].notes.map(\.start) == [500 * msec, 3_000 * msec])
    }

    @Test func noteNeverMovesBeforeTheSongsStart() {
        let (out, _) = Quantizer(grid: QuantizeGrid("1/4")!).apply(to: task([10 * msec]), map: steady(120, first: 200 * msec))
        #expect(out.instruments[0].notes[0].start >= 0)
    }

    @Test func endsMoveOnTheirOwnWhenAsked() {
        let quantizer = Quantizer(grid: QuantizeGrid("1/16")!, movesEnds: true)
        // Onset 10 ms late, end 30 ms before the 375 ms point.
        let (out, summary) = quantizer.apply(to: task([10 * msec], length: 335 * msec), map: steady(120))
        #expect(out.instruments[0].notes[0].start == 0)
        #expect(out.instruments[0].notes[0].end == 375 * msec)
        #expect(summary.largestEndShift == 30 * msec)
        // A very short note whose end would land on its onset keeps its length.
        let short = quantizer.apply(to: task([130 * msec], length: 20 * msec), map: steady(120)).task
        #expect(short.instruments[0].notes[0].start == 125 * msec)
        #expect(short.instruments[0].notes[0].end == 145 * msec)
    }

    @Test func notesStayInOrderAfterMoving() {
        let (out, _) = Quantizer(grid: QuantizeGrid("1/4")!).apply(to: task([740 * msec, 0, 760 * msec]), map: steady(120))
        #expect(out.instruments[0].notes.map(\.start) == [0, 500 * msec, 1_000 * msec])
    }

    @Test func ticksAndTimesRoundTrip() {
        let map = steady(112.3456, first: 413 * msec, duration: 1_200_000 * msec)
        for ms: Int64 in [0, 1, 413, 999, 60_000, 1_199_999] {
            let t = ms * msec
            #expect(abs(map.time(atTick: map.exactTicks(t)) - t) <= 1, "\(ms) ms")
        }
    }
}
