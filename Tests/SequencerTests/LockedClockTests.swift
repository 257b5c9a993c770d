// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import MIDIWire
import Sequencer
import Testing

private let millisecond: Int64 = 1_000_000

/// Two seconds of one note, for the clock to run along.
private func song() -> Timeline {
    Timeline(task: MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: [
        Note(pitch: 60, start: 0, end: 2_000 * millisecond, velocity: 0.8),
    ])]))
}

@Test func theClockStartsOnTheFirstDownbeatAndTicksTwentyFourToEachBeat() {
    // Beats at 0.25 (a pickup), 0.5 (the first downbeat), then every 0.5 s.
    let tempo = TempoEstimate(bpm: 120, beatsPerBar: 4, firstBeat: 500 * millisecond, confidence: 0.9,
                              beats: [250 * millisecond, 500 * millisecond, 1_000 * millisecond, 1_500 * millisecond])
    let timeline = MIDIClockTrack.adding(to: song(), lockedTo: tempo)
    let system = timeline.events.filter { $0.message.channel == nil }
    #expect(system.first?.message == .system(.start))
    #expect(system.first?.time == 500 * millisecond)
    let clocks = system.filter { $0.message == .system(.clock) }.map(\.time)
    // Every beat boundary is a clock: the 1st, 25th and 49th.
    #expect(clocks.first == 500 * millisecond && clocks[24] == 1_000 * millisecond && clocks[48] == 1_500 * millisecond)
    // 24 clocks a beat from 0.5 s to the end at 2.0 s: 72 of them, 20.83 ms apart.
    #expect(clocks.count == 72)
    #expect(abs(Double(clocks[1] - clocks[0]) - 500e6 / 24) < 1)
    #expect(system.last?.message == .system(.stop) && system.last?.time == 2_000 * millisecond)
}

@Test func aDriftingSongKeepsItsClockInPhaseWithEveryBar() {
    // Eight bars slowing from 500 to 580 ms a beat: each bar's clocks at that
    // bar's tempo, every 96th clock (a bar line) on the song's bar within 2 ms.
    var beats: [Int64] = [0]
    for k in 0..<40 { beats.append(beats[k] + (500 + 2 * Int64(k)) * millisecond) }
    let tempo = TempoEstimate(bpm: 60e9 * 40 / Double(beats[40]), beatsPerBar: 4, firstBeat: 0, confidence: 0.9, beats: beats)
    #expect(!tempo.isSteady)
    var long = song()
    long.duration = beats[40]
    let clocks = MIDIClockTrack.adding(to: long, lockedTo: tempo).events
        .filter { $0.message == .system(.clock) }.map(\.time)
    #expect(abs(clocks.count - 40 * 24) <= 1)
    for bar in 0..<10 {
        #expect(abs(clocks[bar * 96] - beats[bar * 4]) <= 2 * millisecond, "bar \(bar + 1)")
    }
    // Within a bar, even: the first bar's clocks 501 ms / 24 apart (its beats average 503 ms, smoothed).
    let first = Double(clocks[95] - clocks[0]) / 95, last = Double(clocks[24 * 39 + 23] - clocks[24 * 36]) / 95
    #expect(last / first > 1.1, "the clock did not slow down with the song: \(first) → \(last) ns")
}

@Test func aSteadySongGetsAnEvenClockThoughItsTrackedBeatsStepByBins() {
    // Tracked beats alternate 620 and 610 ms (the tracker's 10 ms bins): the clock is even at 615 ms a beat.
    var beats: [Int64] = [0]
    for k in 0..<32 { beats.append(beats[k] + (k % 2 == 0 ? 620 : 610) * millisecond) }
    let tempo = TempoEstimate(bpm: 60e9 / 615e6, beatsPerBar: 4, firstBeat: 0, confidence: 0.9, beats: beats)
    #expect(tempo.isSteady)
    var long = song()
    long.duration = beats[32]
    let clocks = MIDIClockTrack.adding(to: long, lockedTo: tempo).events
        .filter { $0.message == .system(.clock) }.map(\.time)
    let gaps = zip(clocks, clocks.dropFirst()).map { $1 - $0 }
    #expect(gaps.max()! - gaps.min()! <= 1_000, "clock intervals vary: \(gaps.min()!)–\(gaps.max()!) ns")
    #expect(abs(Double(gaps[0]) - 615e6 / 24) < 1_000)
}
