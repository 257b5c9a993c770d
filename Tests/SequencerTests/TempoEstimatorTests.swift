// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import MIDITask
import Sequencer
import Testing

private let second: Int64 = 1_000_000_000

/// A clean rock beat: kick 1 and 3, snare 2 and 4, hats on eighths, bass on quarters.
private func rock(bpm: Double, bars: Int = 16, leadIn: Double = 0.5) -> MIDITask {
    let beat = 60 / bpm
    var drums: [Note] = [], bass: [Note] = []
    func at(_ b: Double) -> Int64 { Int64((leadIn + b * beat) * 1e9) }
    for bar in 0..<bars {
        let b = Double(bar * 4)
        for e in 0..<8 { drums.append(Note(pitch: 42, start: at(b + Double(e) / 2), end: at(b + Double(e) / 2) + 50_000_000, velocity: 0.6)) }
        for (k, p) in [(0.0, 36), (1.0, 38), (2.0, 36), (3.0, 38)] {
            drums.append(Note(pitch: UInt8(p), start: at(b + k), end: at(b + k) + 100_000_000, velocity: 0.9))
        }
        for q in 0..<4 { bass.append(Note(pitch: 40, start: at(b + Double(q)), end: at(b + Double(q) + 0.9), velocity: 0.8)) }
    }
    drums.sort { $0.start < $1.start }
    return MIDITask(instruments: [Instrument(name: "Drums", notes: drums), Instrument(name: "Electric Bass (finger)", notes: bass)])
}

private func estimate(_ task: MIDITask) -> TempoEstimate? {
    TempoEstimator.estimate(task: task, plan: ChannelPlan(instruments: task.instruments))
}

@Test(arguments: [72.0, 100.0, 128.0, 165.0])
func aCleanRockBeatGivesItsTempoMeterAndFirstBeat(bpm: Double) throws {
    let e = try #require(estimate(rock(bpm: bpm)))
    #expect(abs(e.bpm / bpm - 1) < 0.005, "\(e.bpm) for \(bpm)")
    #expect(e.beatsPerBar == 4)
    #expect(abs(e.firstBeat - 500_000_000) <= 20_000_000, "first beat \(e.firstBeat)")
    #expect(e.confidence > 0.8)
    #expect(e.isSteady)
}

@Test func generatedTranscriptionsAreMostlyRight() throws {
    // 48 noisy songs in all eight styles (the bench runs more). Funk (a syncopated
    // bass that can be read at 4:3) and plain arpeggios (that can be read at their
    // eighths) are the hardest, kept out of the second check; the rest must be right nearly always.
    let cases = TempoEvaluationSet.make(count: 48, seed: 11)
    // Scored as `bench tempo` scores them.
    let score = TempoEvaluationSet.Score(cases: cases, estimates: cases.map { estimate($0.task) })
    let right = score.all.tempo, beats = score.all.beat
    let strongStyles = score.byStyle.filter { $0.key != .funk && $0.key != .arpeggios }.values
    let strong = strongStyles.reduce(0) { $0 + $1.songs }, strongRight = strongStyles.reduce(0) { $0 + $1.tempo }
    #expect(right >= 36, "tempo right in \(right) of 48")
    #expect(Double(strongRight) >= 0.9 * Double(strong), "tempo right in \(strongRight) of \(strong) outside funk and arpeggios")
    #expect(beats >= 36, "first beat right in \(beats) of 48")
}

@Test func randomNotesHaveLowConfidence() throws {
    var rng = SplitMix(seed: 3)
    let notes = (0..<400).map { _ -> Note in
        let start = Int64(rng.next() % 60_000) * 1_000_000
        return Note(pitch: UInt8(40 + rng.next() % 40), start: start, end: start + 200_000_000, velocity: 0.7)
    }.sorted { $0.start < $1.start }
    let e = try #require(estimate(MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: notes)])))
    #expect(e.confidence < TempoEstimate.reliable, "confidence \(e.confidence)")
}

@Test func tooFewNotesGiveNoEstimate() {
    let notes = (0..<5).map { Note(pitch: 60, start: Int64($0) * second, end: Int64($0) * second + second / 2, velocity: 0.8) }
    #expect(estimate(MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: notes)])) == nil)
}

@Test func aFixedGridRunsFromTheFirstBeat() {
    let grid = TempoEstimate.fixed(bpm: 120, firstBeat: 250_000_000, duration: 3 * second)
    #expect(grid.beats.prefix(4) == [250_000_000, 750_000_000, 1_250_000_000, 1_750_000_000])
    #expect(grid.isSteady && grid.beatLength == 500_000_000)
}

@Test func theExportMapPutsTheFirstDownbeatOnABarLineAfterAPickup() throws {
    // 100 BPM with the first downbeat at 1.0 s: a lead-in of 2 beats (1.2 s rounds to 2),
    // a 2/4 pickup bar, then 4/4 from tick 1920.
    let e = TempoEstimate.fixed(bpm: 100, firstBeat: 1_000_000_000, duration: 30 * second)
    let map = TempoMap(estimate: e, duration: 30 * second)
    #expect(map.ticks(1_000_000_000) == 1920)
    #expect(map.timeSignatures.map(\.beats) == [2, 4])
    #expect(map.timeSignatures.map(\.tick) == [0, 1920])
    // From there on 600 ms a beat, each bar 3840 ticks.
    #expect(map.ticks(1_000_000_000 + 2_400_000_000) == 1920 + 3840)
    #expect(map.tempoChanges.last?.microsecondsPerBeat == 600_000)
    // The lead-in runs at the pace that fits it: 1.0 s for two beats.
    #expect(map.tempoChanges.first?.microsecondsPerBeat == 500_000)
}

@Test func rangesOfTheMapKeepTimesWithinATickOverALongSong() {
    // A tempo whose beat is no whole number of microseconds, over 20 minutes.
    let e = TempoEstimate.fixed(bpm: 112.3456, firstBeat: 0, duration: 1_200 * second)
    let map = TempoMap(estimate: e, duration: 1_200 * second)
    // Read back as a MIDI reader would: ticks to time through the stored tempos.
    func time(ofTick tick: Int64) -> Double {
        var t = 0.0
        for (i, s) in map.segments.enumerated() {
            let end = i + 1 < map.segments.count ? map.segments[i + 1].tick : Int64.max
            let span = min(tick, end) - s.tick
            if span <= 0 { break }
            t += Double(span) / 960 * Double(s.microsecondsPerBeat) * 1000
        }
        return t
    }
    for seconds in stride(from: 0.0, through: 1_200, by: 7.3) {
        let ns = Int64(seconds * 1e9)
        #expect(abs(time(ofTick: map.ticks(ns)) - Double(ns)) < 600_000, "at \(seconds) s")
    }
}

/// Notes given as (beat, pitch, length in beats, velocity) at a steady tempo, for the grooves below.
private func notes(_ positions: [(Double, Int, Double, Double)], bpm: Double, leadIn: Double = 0.5) -> [Note] {
    let beat = 60 / bpm
    return positions.map { position, pitch, length, velocity in
        let start = Int64((leadIn + position * beat) * 1e9)
        return Note(pitch: UInt8(pitch), start: start, end: start + Int64(length * beat * 1e9), velocity: velocity)
    }.sorted { $0.start < $1.start }
}

@Test(arguments: [88.0, 100.0, 118.0])
func aSyncopatedFunkGrooveIsReadAtItsBeatNotADottedPulse(bpm: Double) throws {
    // Sixteenth hats, kick on 1, the "a" of 2 and the "and" of 3, snare on 2
    // and 4, bass on 1, the "a" of 1, the "and" of 2, the "and" of 3 and the
    // "e" of 4: its gaps of three sixteenths recur more than the beat does.
    var drums: [(Double, Int, Double, Double)] = [], bass: [(Double, Int, Double, Double)] = []
    for bar in 0..<16 {
        let b = Double(bar * 4)
        for s in 0..<16 { drums.append((b + Double(s) / 4, 42, 0.05, s % 4 == 0 ? 0.7 : 0.4)) }
        for k in [0.0, 1.75, 2.5] { drums.append((b + k, 36, 0.1, 0.9)) }
        for k in [1.0, 3.0] { drums.append((b + k, 38, 0.1, 0.9)) }
        for k in [0.0, 0.75, 1.5, 2.5, 3.25] { bass.append((b + k, 40, 0.25, 0.8)) }
    }
    let task = MIDITask(instruments: [
        Instrument(name: "Drums", notes: notes(drums, bpm: bpm)),
        Instrument(name: "Electric Bass (finger)", notes: notes(bass, bpm: bpm)),
    ])
    let e = try #require(estimate(task))
    #expect(abs(e.bpm / bpm - 1) < 0.01, "\(e.bpm) for \(bpm)")
    #expect(e.beatsPerBar == 4)
}

@Test(arguments: [62.0, 75.0, 90.0])
func evenArpeggioEighthsOverABarLongBassAreReadAtTheQuarter(bpm: Double) throws {
    // No drums: a piano arpeggio in even eighths, a bass note held each bar.
    var keys: [(Double, Int, Double, Double)] = [], bass: [(Double, Int, Double, Double)] = []
    for bar in 0..<16 {
        let b = Double(bar * 4)
        bass.append((b, 40, 3.9, 0.7))
        for (e, step) in [0, 4, 7, 12, 16, 12, 7, 4].enumerated() {
            keys.append((b + Double(e) / 2, 64 + step, 0.45, e % 2 == 0 ? 0.6 : 0.5))
        }
    }
    let task = MIDITask(instruments: [
        Instrument(name: "Electric Bass (finger)", notes: notes(bass, bpm: bpm)),
        Instrument(name: "Acoustic Grand Piano", notes: notes(keys, bpm: bpm)),
    ])
    let e = try #require(estimate(task))
    #expect(abs(e.bpm / bpm - 1) < 0.01, "\(e.bpm) for \(bpm)")
}

@Test(arguments: [150.0, 170.0, 185.0])
func aFastWalkingBassIsTheBeat(bpm: Double) throws {
    // A bass on every beat, chords on 1 and the "and" of 3: fast, but the bass states each beat.
    var keys: [(Double, Int, Double, Double)] = [], bass: [(Double, Int, Double, Double)] = []
    for bar in 0..<16 {
        let b = Double(bar * 4)
        for q in 0..<4 { bass.append((b + Double(q), 40 + [0, 2, 4, 5][q], 0.95, q == 0 ? 0.85 : 0.7)) }
        for k in [0.0, 2.5] { for c in [4, 10, 14] { keys.append((b + k, 64 + c, 1.2, 0.5)) } }
    }
    let task = MIDITask(instruments: [
        Instrument(name: "Acoustic Bass", notes: notes(bass, bpm: bpm)),
        Instrument(name: "Acoustic Grand Piano", notes: notes(keys, bpm: bpm)),
    ])
    let e = try #require(estimate(task))
    #expect(abs(e.bpm / bpm - 1) < 0.01, "\(e.bpm) for \(bpm)")
}
