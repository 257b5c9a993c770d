// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import MIDITask
import Playback
import PlaybackTesting
import Sequencer
import SystemClock
import Testing

/// Events handed to a queueing output a window ahead of their time: the
/// wire hears them when they are due, and every transport change still acts
/// at once. The recorder stands for the sequencer queue (`queued`): a message
/// reaches its `wire` at its due time, and `retract` takes back what the
/// clock has not reached.

private let second = Fixtures.second
private func at(_ seconds: Double) -> MonotonicInstant { Fixtures.instant(seconds) }
private let window = TimeAmount.milliseconds(250)


/// Schedules a transport action `seconds` after playback began.
private typealias When = (_ seconds: Double, _ action: @escaping @Sendable () -> Void) -> Void

/// Plays `timeline` with `script`'s transport actions, to a queued recorder
/// with the window (or a plain one with none), and returns the recorder with
/// its times counted from when playback began: with a window, the start is
/// a window ahead, so that the first events are handed ahead too.
private func play(_ timeline: Timeline, lookahead: TimeAmount, options: Player.Options = Player.Options(),
                  _ script: (Player, When) -> Void = { _, _ in }) -> (Played, PlaybackResult) {
    let clock = ManualClock()
    let recorder = RecordingOutput(clock: clock, queued: lookahead > .zero)
    var options = options
    options.lookahead = lookahead
    let player = Player(timeline: timeline, output: recorder, options: options, clock: clock)
    let lead = lookahead
    script(player) { seconds, action in clock.at(at(seconds) + lead, do: action) }
    let result = player.run()
    return (Played(recorder: recorder, lead: lead), result)
}

/// What a recorder got, with its instants counted from when playback began.
private struct Played {
    let recorder: RecordingOutput
    let lead: TimeAmount

    struct Entry {
        var message: MIDIMessage
        /// When it was handed over, when due (nil: sent without), and when it reached the wire.
        var time: MonotonicInstant, due: MonotonicInstant?, arrival: MonotonicInstant
    }

    private func shifted(_ instant: MonotonicInstant) -> MonotonicInstant { instant - lead }

    var entries: [Entry] {
        recorder.entries.map { Entry(message: $0.message, time: shifted($0.time!), due: $0.due.map(shifted),
                                     arrival: shifted($0.arrival!)) }
    }
    var wire: [Entry] {
        recorder.wire.map { Entry(message: $0.message, time: shifted($0.time!), due: $0.due.map(shifted),
                                  arrival: shifted($0.arrival!)) }
    }
    var wireSounding: SoundingNotes { recorder.wireSounding }
    var retractionCount: Int { recorder.retractionCount }
    func silenced(channels: [UInt8]) -> Bool { recorder.silenced(channels: channels) }
}

/// The note-ons as the wire heard them: when (to the microsecond: a retimed
/// due time may round a nanosecond apart from one computed afresh), and which.
private func noteOns(_ played: Played) -> [String] {
    played.wire.filter(\.message.startsNote).map {
        "\(($0.arrival.nanoseconds + 500) / 1000) µs \($0.message)"
    }
}

/// Every message that reached the wire at or after `instant`.
private func wire(_ played: Played, from instant: MonotonicInstant) -> [MIDIMessage] {
    played.wire.filter { $0.arrival >= instant }.map(\.message)
}

@Test func eachEventIsHandedAWindowAheadAndReachesTheWireWhenDue() {
    let (queued, result) = play(Fixtures.scale(count: 4), lookahead: window)
    #expect(result.isFinished)
    let ons = queued.entries.filter(\.message.startsNote)
    #expect(ons.map(\.due) == [at(0), at(1), at(2), at(3)])
    // Each handed over 250 ms before it is due, the first too (playback begins a window on).
    #expect(ons.map(\.time) == [at(-0.25), at(0.75), at(1.75), at(2.75)])
    let (direct, _) = play(Fixtures.scale(count: 4), lookahead: .zero)
    #expect(noteOns(queued) == noteOns(direct))
    #expect(queued.wireSounding.isEmpty)
}

@Test func withoutAWindowOrAQueueEventsGoAtTheirTime() {
    // An output that does not queue is never handed anything early, whatever the option says.
    let clock = ManualClock()
    let plain = RecordingOutput(clock: clock)
    var options = Player.Options()
    options.lookahead = window
    Player(timeline: Fixtures.scale(count: 3), output: plain, options: options, clock: clock).run()
    #expect(plain.entries.filter(\.message.startsNote).map(\.time) == [at(0), at(1), at(2)])
    #expect(plain.retractionCount == 0)
}

@Test func pauseTakesBackWhatWasHandedAheadAndSilencesAtOnce() {
    // At 1.9 s the 2 s notes were handed over (at 1.75 s): none may sound.
    let (recorder, _) = play(Fixtures.trio(), lookahead: window) { player, when in
        when(1.9) { player.pause() }
        when(3.0) { player.stop() }
    }
    let after = wire(recorder, from: at(1.9))
    #expect(!after.contains { $0.startsNote })
    #expect(recorder.silenced(channels: [0, 1, 2]))
    #expect(recorder.wireSounding.isEmpty)
    #expect(recorder.retractionCount > 0)
}

@Test func stopEndsANoteWhoseQueuedNoteOffWasTakenBack() {
    // The 1.5 s note-offs were handed over at 1.25 s; stopped at 1.4 s they are
    // taken back, so the notes must be ended then, directly.
    let (recorder, result) = play(Fixtures.trio(), lookahead: window) { player, when in
        when(1.4) { player.stop() }
    }
    #expect(result.isStopped)
    let offsAtStop = recorder.wire.filter { $0.arrival == at(1.4) && $0.message.endsNote }.map(\.message)
    #expect(Set(offsAtStop) == [.noteOff(MIDIChannel(0), key: 60), .noteOff(MIDIChannel(1), key: 64),
                                .noteOff(MIDIChannel(2), key: 67)])
    #expect(wire(recorder, from: at(1.41)).isEmpty)
    #expect(recorder.wireSounding.isEmpty)
}

@Test func seekTakesBackTheOldPositionsEvents() {
    let (recorder, _) = play(Fixtures.trio(), lookahead: window) { player, when in
        when(1.9) { player.seek(to: .seconds(5)) }
        when(3.5) { player.stop() }
    }
    // Nothing of the 2 s notes; the 6 s notes come 1 s after the seek.
    #expect(!recorder.wire.contains { $0.message.startsNote && $0.arrival >= at(1.9) && $0.arrival <= at(2) })
    let firstAfter = recorder.wire.first { $0.arrival > at(1.9) && $0.message.startsNote }
    #expect(firstAfter?.arrival == at(2.9))
    #expect(recorder.wireSounding.isEmpty)
}

@Test func muteTakesBackTheInstrumentsHandedAheadNotesAndKeepsTheOthers() {
    let (recorder, _) = play(Fixtures.trio(), lookahead: window) { player, when in
        when(1.9) { player.setSilentInstruments([1]) }
    }
    let ons = recorder.wire.filter(\.message.startsNote)
    #expect(ons.filter { $0.message.channel == MIDIChannel(1) }.map(\.arrival) == [at(0)])
    #expect(ons.filter { $0.message.channel == MIDIChannel(0) }.map(\.arrival) == [at(0), at(2), at(4), at(6)])
    #expect(ons.filter { $0.message.channel == MIDIChannel(2) }.map(\.arrival) == [at(0), at(2), at(4), at(6)])
    #expect(recorder.wireSounding.isEmpty)
}

@Test func muteEndsANoteWhoseQueuedNoteOffWasTakenBack() {
    // Muted at 1.4 s: the bass note-off due at 1.5 s was handed over; the note ends at 1.4 s.
    let (recorder, _) = play(Fixtures.trio(), lookahead: window) { player, when in
        when(1.4) { player.setSilentInstruments([1]) }
    }
    let bassOffs = recorder.wire.filter { $0.message.endsNote && $0.message.channel == MIDIChannel(1) }
    #expect(bassOffs.first?.arrival == at(1.4))
    // The others' note-offs still come at 1.5 s, from the queue.
    #expect(recorder.wire.filter { $0.message.endsNote && $0.arrival == at(1.5) }.count == 2)
    #expect(recorder.wireSounding.isEmpty)
}

@Test func unmuteInsideTheWindowBringsBackTheNotesWithheldThere() {
    // Unmuted at 3.9 s, after the 4 s note was handed (withheld) at 3.75 s: it still plays at 4 s.
    let script: (Player, When) -> Void = { player, when in
        when(0.5) { player.setSilentInstruments([0]) }
        when(3.9) { player.setSilentInstruments([]) }
    }
    let (queued, _) = play(Fixtures.trio(), lookahead: window, script)
    let (direct, _) = play(Fixtures.trio(), lookahead: .zero, script)
    #expect(noteOns(queued) == noteOns(direct))
    #expect(queued.wire.filter { $0.message.startsNote && $0.message.channel == MIDIChannel(0) }.map(\.arrival)
        == [at(0), at(4), at(6)])
    #expect(queued.wireSounding.isEmpty)
}

@Test func tempoChangeRetimesWhatWasHandedAhead() {
    // Twice as fast from 0.9 s: the 1 s note (handed at 0.75 s) now sounds at 0.95 s.
    let script: (Player, When) -> Void = { player, when in
        when(0.9) { player.setTempo(2) }
        when(2.2) { player.setTempo(0.5) }
    }
    let (queued, _) = play(Fixtures.scale(count: 5), lookahead: window, script)
    let (direct, _) = play(Fixtures.scale(count: 5), lookahead: .zero, script)
    #expect(noteOns(queued) == noteOns(direct))
    #expect(queued.wire.filter(\.message.startsNote).map(\.arrival)[1] == at(0.95))
    #expect(queued.wireSounding.isEmpty)
}

@Test func aLoopsWrapHandedAheadKeepsTheLoopSeamless() {
    let loop = Player.Options.LoopRange(start: .zero, end: .seconds(2.5))
    let script: (Player, When) -> Void = { player, when in when(9.1) { player.stop() } }
    let (queued, _) = play(Fixtures.scale(count: 4), lookahead: window, options: Player.Options(loop: loop), script)
    let (direct, _) = play(Fixtures.scale(count: 4), lookahead: .zero, options: Player.Options(loop: loop), script)
    #expect(noteOns(queued) == noteOns(direct))
    #expect(queued.wire.filter(\.message.startsNote).map(\.arrival) == [at(0), at(1), at(2), at(2.5), at(3.5),
                                                                        at(4.5), at(5), at(6), at(7), at(7.5),
                                                                        at(8.5)])
    #expect(queued.wireSounding.isEmpty)
}

@Test func pauseJustBeforeAWrapHandedAheadResumesAtTheLoopsEnd() {
    let loop = Player.Options.LoopRange(start: .zero, end: .seconds(2.5))
    let (recorder, _) = play(Fixtures.scale(count: 4), lookahead: window, options: Player.Options(loop: loop)) { player, when in
        when(2.4) { player.pause() }        // the wrap at 2.5 s was handed at 2.25 s
        when(4.0) { player.resume() }       // 0.1 s of the loop left: the wrap at 4.1 s
        when(4.5) { player.stop() }
    }
    #expect(recorder.wire.filter { $0.message.startsNote && $0.arrival > at(2.3) }.map(\.arrival) == [at(4.1)])
    #expect(recorder.wireSounding.isEmpty)
}

@Test func theEndsSilenceFollowsTheLastNotesAndPlaybackFinishesWhenItIsDue() {
    let (recorder, result) = play(Fixtures.scale(count: 2), lookahead: window)
    #expect(result.isFinished)
    let wire = recorder.wire
    let lastOff = wire.lastIndex { $0.message.endsNote && $0.message.kind == .noteOff }!
    let allNotesOff = wire.lastIndex { $0.message.isControl(123) }!
    #expect(lastOff < allNotesOff)
    #expect(wire[allNotesOff].arrival == at(1.5))
    #expect(recorder.wireSounding.isEmpty)
}

@Test func transportChangesMatchDirectPlaybackOnTheWire() {
    // Pause, resume, seek, tempo and mute together: the wire hears the same
    // notes at the same instants as when each event is sent at its time.
    let script: (Player, When) -> Void = { player, when in
        when(0.3) { player.setTempo(1.5) }
        when(1.7) { player.setSilentInstruments([2]) }
        when(2.45) { player.pause() }
        when(3.05) { player.resume() }
        when(3.6) { player.seek(to: .seconds(1.2)) }
        when(4.15) { player.setSilentInstruments([]) }
        when(5.3) { player.setTempo(0.75) }
    }
    let (queued, a) = play(Fixtures.trio(), lookahead: window, script)
    let (direct, b) = play(Fixtures.trio(), lookahead: .zero, script)
    #expect(a.isFinished && b.isFinished)
    #expect(noteOns(queued) == noteOns(direct))
    #expect(queued.wireSounding.isEmpty)
}
