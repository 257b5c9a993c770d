import ALSASequencer
import Sequencer
import MIDITask
import Testing

private func song(lasting ns: Int64) -> Timeline {
    var timeline = Timeline(task: MIDITask(instruments: []))
    timeline.events = [
        .program(0, MIDIChannel(0), 5),
        .noteOn(0, MIDIChannel(0), key: 60, velocity: 100, track: 0),
        .noteOff(ns, MIDIChannel(0), key: 60, track: 0),
    ]
    timeline.duration = ns
    return timeline
}

@Test func clockIntervalIsATwentyFourthOfABeat() {
    #expect(MIDIClockTrack(bpm: 120).interval == 500_000_000.0 / 24)
}

@Test func startsBeforeTheNotesAfterTheSetUpAndStopsLast() {
    let events = MIDIClockTrack(bpm: 120).adding(to: song(lasting: 1_000_000_000)).events
    #expect(events.prefix(4).map(\.status) == [0xC0, 0xFA, 0xF8, 0x90])
    #expect(events.last?.status == 0xFC)
    #expect(events.last?.time == 1_000_000_000)
}

@Test func sendsTwentyFourClocksPerBeatUpToTheEnd() {
    // 1 s at 120 bpm: 2 beats, clocks at 0 … 47/48 s.
    let events = MIDIClockTrack(bpm: 120).adding(to: song(lasting: 1_000_000_000)).events
    let clocks = events.filter { $0.status == 0xF8 }
    #expect(clocks.count == 48)
    #expect(clocks[1].time == 20_833_333)
    #expect(clocks.allSatisfy { $0.time < 1_000_000_000 })
}

@Test func keepsTheSongInTimeOrder() {
    let events = MIDIClockTrack(bpm: 97).adding(to: song(lasting: 3_000_000_000)).events
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
    #expect(events.filter { $0.kind != nil }.count == 3)
}

@Test func lengthensTheSongSoThatStopIsPlayed() {
    #expect(MIDIClockTrack(bpm: 120).adding(to: song(lasting: 500)).duration == 501)
}
