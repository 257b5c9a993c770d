import Benchmarks
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
    // bass read at 4:3) and plain arpeggios (read at their eighths) are the known
    // weak spots; the rest must be right nearly always.
    let cases = TempoEvaluationSet.make(count: 48, seed: 11)
    var right = 0, beats = 0, strongRight = 0, strong = 0
    for c in cases {
        let e = estimate(c.task)
        let tempoRight = e.map { abs($0.bpm / c.bpm - 1) <= 0.02 } ?? false
        if tempoRight { right += 1 }
        if let e, abs(e.firstBeat - c.firstBeat) <= 40_000_000 { beats += 1 }
        if c.style != .funk && c.style != .arpeggios {
            strong += 1
            if tempoRight { strongRight += 1 }
        }
    }
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
