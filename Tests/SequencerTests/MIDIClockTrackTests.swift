// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import MIDIWire
import Sequencer
import Testing

private func song(lasting ns: Int64) -> Timeline {
    var timeline = Timeline(task: MIDITask(instruments: []))
    timeline.events = [
        TimelineEvent(time: 0, message: .program(MIDIChannel(0), 5)),
        TimelineEvent(time: 0, message: .noteOn(MIDIChannel(0), key: 60, velocity: 100), track: 0),
        TimelineEvent(time: ns, message: .noteOff(MIDIChannel(0), key: 60), track: 0),
    ]
    timeline.duration = ns
    return timeline
}

@Test func clockIntervalIsATwentyFourthOfABeat() {
    #expect(MIDIClockTrack(bpm: 120).interval == 500_000_000.0 / 24)
}

@Test func startsBeforeTheNotesAfterTheSetUpAndStopsLast() {
    let events = MIDIClockTrack(bpm: 120).adding(to: song(lasting: 1_000_000_000)).events
    #expect(events.prefix(4).map(\.message.status) == [0xC0, 0xFA, 0xF8, 0x90])
    #expect(events.last?.message == .system(.stop))
    #expect(events.last?.time == 1_000_000_000)
}

@Test func clockGoesBetweenSetUpAndNotesAtTheSameTime() {
    // At 120 bpm 0.5 s is a beat: its clock precedes the note-off and note-on there.
    var timeline = song(lasting: 1_000_000_000)
    let ch = MIDIChannel(1)
    timeline.events.insert(contentsOf: [
        TimelineEvent(time: 0, message: .noteOn(ch, key: 50, velocity: 90), track: 1),
        TimelineEvent(time: 500_000_000, message: .control(ch, Controller(7), 100)),
        TimelineEvent(time: 500_000_000, message: .noteOff(ch, key: 50), track: 1),
        TimelineEvent(time: 500_000_000, message: .noteOn(ch, key: 52, velocity: 90), track: 1),
        TimelineEvent(time: 600_000_000, message: .noteOff(ch, key: 52), track: 1),
    ], at: 2)
    let events = MIDIClockTrack(bpm: 120).adding(to: timeline).events
    let atBeat = events.filter { $0.time == 500_000_000 }.map(\.message)
    #expect(atBeat == [.control(ch, Controller(7), 100), .system(.clock), .noteOff(ch, key: 50),
                       .noteOn(ch, key: 52, velocity: 90)])
}

@Test func sendsTwentyFourClocksPerBeatUpToTheEnd() {
    // 1 s at 120 bpm: 2 beats, clocks at 0 … 47/48 s.
    let events = MIDIClockTrack(bpm: 120).adding(to: song(lasting: 1_000_000_000)).events
    let clocks = events.filter { $0.message == .system(.clock) }
    #expect(clocks.count == 48)
    #expect(clocks[1].time == 20_833_333)
    #expect(clocks.allSatisfy { $0.time < 1_000_000_000 })
}

@Test func keepsTheSongInTimeOrder() {
    let events = MIDIClockTrack(bpm: 97).adding(to: song(lasting: 3_000_000_000)).events
    #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
    #expect(events.filter { $0.message.kind != .system }.count == 3)
}

@Test func lengthensTheSongSoThatStopIsPlayed() {
    #expect(MIDIClockTrack(bpm: 120).adding(to: song(lasting: 500)).duration == 501)
}
