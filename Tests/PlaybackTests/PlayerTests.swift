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

/// A player on a manual clock, recording what it sends with the clock's time.
private func manualPlayer(_ timeline: Timeline, _ options: Player.Options = Player.Options(),
                          failAfter: Int? = nil, failure: MIDIOutputError? = nil)
    -> (Player, RecordingOutput, ManualClock) {
    let clock = ManualClock()
    let recorder = failure.map { RecordingOutput(clock: clock, failAfter: failAfter, failure: $0) }
        ?? RecordingOutput(clock: clock, failAfter: failAfter)
    let player = Player(timeline: timeline, output: recorder, options: options, clock: clock)
    return (player, recorder, clock)
}

private func at(_ seconds: Double) -> MonotonicInstant { Fixtures.instant(seconds) }

/// `message` sent `seconds` after the clock's origin.
private func sent(_ message: MIDIMessage, at seconds: Double) -> RecordingOutput.Entry {
    RecordingOutput.Entry(message: message, time: Fixtures.instant(seconds))
}

/// The entries from the first one matching `predicate` on.
private func entries(_ recorder: RecordingOutput, from predicate: (RecordingOutput.Entry) -> Bool) -> [RecordingOutput.Entry] {
    let all = recorder.entries
    guard let i = all.firstIndex(where: predicate) else { return [] }
    return Array(all[i...])
}

// MARK: Order and timing

@Test func everyEventIsDispatchedAtItsDeadlineInTimelineOrder() {
    let timeline = Fixtures.scale()
    let (player, recorder, _) = manualPlayer(timeline)
    #expect(player.run().isFinished)
    let log = Array(recorder.entries.prefix(timeline.events.count))
    #expect(log.map(\.message) == timeline.events.map(\.message))
    #expect(log.map(\.time) == timeline.events.map { MonotonicInstant.origin + .nanoseconds($0.time) })
}

@Test func tempoFactorScalesEveryDeadline() {
    let timeline = Fixtures.scale()
    let (player, recorder, _) = manualPlayer(timeline, Player.Options(tempo: 2))
    player.run()
    let log = Array(recorder.entries.prefix(timeline.events.count))
    #expect(log.map(\.message) == timeline.events.map(\.message))
    #expect(log.map(\.time) == timeline.events.map { MonotonicInstant.origin + .nanoseconds($0.time / 2) })
}

@Test func startOffsetReplaysSetUpThenPlaysFromThere() {
    let (player, recorder, _) = manualPlayer(Fixtures.scale(), Player.Options(start: .seconds(1.25)))
    player.run()
    let log = recorder.entries
    // Set-up of the song before 1.25 s, at once; note 61 (sounding at 1.25 s) is not restarted
    // and its note-off is not sent; note 62 starts 0.75 s in.
    let expected: [RecordingOutput.Entry] = [
        sent(.control(MIDIChannel(0), Controller(0), 0), at: 0),
        sent(.control(MIDIChannel(0), Controller(32), 0), at: 0),
        sent(.program(MIDIChannel(0), 0), at: 0),
        sent(.noteOn(MIDIChannel(0), key: 62, velocity: 102), at: 0.75),
        sent(.noteOff(MIDIChannel(0), key: 62), at: 1.25),
    ]
    #expect(Array(log.prefix(5)) == expected)
    #expect(!log.contains { $0.message.startsNote && $0.message.data1 == 61 })
}

@Test func endOffsetEndsThereAndSilencesWhatSounds() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale(), Player.Options(end: .seconds(2.25)))
    #expect(player.run().isFinished)
    #expect(clock.now() == at(2.25))
    #expect(!recorder.messages.contains { $0.startsNote && $0.data1 == 63 })
    // Note 62 (2.0–2.5 s) is cut at the end by the silence path.
    #expect(recorder.entries.contains(sent(.noteOff(MIDIChannel(0), key: 62), at: 2.25)))
    #expect(recorder.sounding.isEmpty)
    #expect(recorder.silenced(channels: [0]))
}

@Test func playerPositionReachesTheEnd() {
    let (player, _, _) = manualPlayer(Fixtures.scale())
    player.run()
    #expect(player.position == .seconds(3.5))
    #expect(player.isFinished)
}

// MARK: Stop paths leave nothing sounding

@Test func reachingTheEndSendsResetsOnUsedChannels() {
    let (player, recorder, _) = manualPlayer(Fixtures.scale())
    player.run()
    #expect(recorder.sounding.isEmpty)
    #expect(recorder.silenced(channels: [0]))
    // Only the channel used.
    #expect(!recorder.messages.contains { $0.channel != MIDIChannel(0) })
}

@Test func stopMidNoteSilencesAndEndsStopped() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(1.25)) { player.stop() }
    #expect(player.run().isStopped)
    #expect(clock.now() == at(1.25))
    #expect(recorder.entries.contains(sent(.noteOff(MIDIChannel(0), key: 61), at: 1.25)))
    #expect(!recorder.messages.contains { $0.startsNote && $0.data1 == 62 })
    #expect(recorder.sounding.isEmpty)
    #expect(recorder.silenced(channels: [0]))
}

@Test func pauseSilencesAndResumeContinuesFromTheSamePlace() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(1.25)) { player.pause() }
    clock.at(at(3.25)) { player.resume() }
    #expect(player.run().isFinished)
    let log = recorder.entries
    // Note 61 is cut at the pause, not restarted; 62 comes 0.75 s after the resume.
    #expect(log.contains(sent(.noteOff(MIDIChannel(0), key: 61), at: 1.25)))
    #expect(log.contains(sent(.control(MIDIChannel(0), Controller(123), 0), at: 1.25)))
    #expect(log.filter { $0.message.startsNote }.map(\.time) == [at(0), at(1), at(4), at(5)])
    #expect(recorder.sounding.isEmpty)
}

@Test func pausedPlayerHoldsItsPosition() {
    let (player, _, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(1.25)) { player.pause() }
    clock.at(at(2.5)) {
        #expect(player.isPaused)
        #expect(player.position == .seconds(1.25))
        player.stop()
    }
    #expect(player.run().isStopped)
}

// MARK: Seek

/// The scale with a program change to 40 on channel 1 at 2 s.
private func scaleWithProgramChange() -> Timeline {
    var timeline = Fixtures.scale()
    let change = TimelineEvent(time: 2 * Fixtures.second, message: .program(MIDIChannel(0), 40))
    let i = timeline.events.firstIndex { $0.time >= change.time }!
    timeline.events.insert(change, at: i)
    return timeline
}

@Test func seekReplaysTheProgramInForceAtTheTarget() {
    let (player, recorder, clock) = manualPlayer(scaleWithProgramChange())
    clock.at(at(0.25)) { player.seek(to: .seconds(2.5)) }
    #expect(player.run().isFinished)
    let after = entries(recorder) { $0.time! >= at(0.25) }
    #expect(Array(after.map(\.message).prefix(8)) == [
        .noteOff(MIDIChannel(0), key: 60),
        .control(MIDIChannel(0), Controller(120), 0),
        .control(MIDIChannel(0), Controller(123), 0),
        .control(MIDIChannel(0), Controller(64), 0),
        .control(MIDIChannel(0), Controller(0), 0),
        .control(MIDIChannel(0), Controller(32), 0),
        .program(MIDIChannel(0), 40),
        .noteOn(MIDIChannel(0), key: 63, velocity: 102),
    ])
    #expect(after[7].time == at(0.75))
}

@Test func seekDoesNotRestartNotesSoundingAtTheTarget() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(0.25)) { player.seek(to: .seconds(2.25)) }
    player.run()
    let after = entries(recorder) { $0.time! >= at(0.25) }.map(\.message)
    #expect(!after.contains { $0.data1 == 62 && ($0.startsNote || $0.endsNote) })
    #expect(after.contains(.noteOn(MIDIChannel(0), key: 63, velocity: 102)))
    #expect(recorder.sounding.isEmpty)
}

@Test func seekBackwardsPlaysTheSongAgainFromThere() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(2.25)) { player.seek(to: .seconds(0.75)) }
    #expect(player.run().isFinished)
    let ons = recorder.entries.filter { $0.message.startsNote }
    #expect(ons.map(\.message.data1) == [60, 61, 62, 61, 62, 63])
    #expect(ons.map(\.time) == [at(0), at(1), at(2), at(2.5), at(3.5), at(4.5)])
    #expect(recorder.sounding.isEmpty)
}

// MARK: Loop

@Test func loopWrapIsGaplessAndSilencesAtTheWrap() {
    let options = Player.Options(start: .zero, loop: .init(start: .seconds(1), end: .seconds(2.25)))
    let (player, recorder, clock) = manualPlayer(Fixtures.scale(), options)
    clock.at(at(4.0)) { player.stop() }
    #expect(player.run().isStopped)
    let log = recorder.entries
    // Note 62 (2.0–2.5 s) sounds at the wrap instant, 2.25 s: it is cut there.
    #expect(log.contains(sent(.noteOff(MIDIChannel(0), key: 62), at: 2.25)))
    #expect(log.contains(sent(.control(MIDIChannel(0), Controller(123), 0), at: 2.25)))
    // The loop's first note is due at the wrap instant plus its offset in the loop (0),
    // its next one 1 s later; the second wrap comes 1.25 s after the first.
    let ons = log.filter { $0.message.startsNote }
    #expect(ons.map(\.message.data1) == [60, 61, 62, 61, 62, 61])
    #expect(ons.map(\.time) == [at(0), at(1), at(2), at(2.25), at(3.25), at(3.5)])
    // The loop is never left: note 63 never plays.
    #expect(!log.contains { $0.message.data1 == 63 })
    #expect(recorder.sounding.isEmpty)
}

@Test func loopWrapReplaysTheSetUpOfTheLoopStart() {
    let options = Player.Options(loop: .init(start: .seconds(2.5), end: .seconds(3.75)))
    let (player, recorder, clock) = manualPlayer(scaleWithProgramChange(), options)
    clock.at(at(2.0)) { player.stop() }
    player.run()
    // Starting at the loop start replays program 40; so does the wrap at 1.25 s.
    let programs = recorder.entries.filter { $0.message.kind == .programChange }
    #expect(programs.map(\.message.data1) == [40, 40])
    #expect(programs.map(\.time) == [at(0), at(1.25)])
}

@Test func tempoIsKeptAcrossTheWrap() {
    let options = Player.Options(tempo: 2, loop: .init(start: .seconds(1), end: .seconds(3)))
    let (player, recorder, clock) = manualPlayer(Fixtures.scale(), options)
    clock.at(at(2.5)) { player.stop() }
    player.run()
    let ons = recorder.entries.filter { $0.message.startsNote }
    #expect(ons.map(\.time) == [at(0), at(0.5), at(1), at(1.5), at(2)])
}

// MARK: Tempo

@Test func tempoChangeMidSongKeepsThePlace() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(1.25)) { player.setTempo(2) }
    player.run()
    let log = recorder.entries.filter { $0.message.startsNote || $0.message.endsNote }
    #expect(log.map(\.time) == [at(0), at(0.5), at(1), at(1.375), at(1.625), at(1.875), at(2.125), at(2.375)])
}

// MARK: Output errors

@Test func outputErrorEndsPlaybackFailedAndAttemptsSilence() {
    // Set-up (3) and the first note (2) go through; note 61's note-on fails.
    let (player, recorder, _) = manualPlayer(Fixtures.scale(), failAfter: 5)
    let result = player.run()
    #expect(result.error?.reason == "injected failure")
    let attempted = recorder.attempted
    #expect(attempted[5] == .noteOn(MIDIChannel(0), key: 61, velocity: 102))
    #expect(Array(attempted.dropFirst(6)) == [
        .noteOff(MIDIChannel(0), key: 61),
        .control(MIDIChannel(0), Controller(120), 0),
        .control(MIDIChannel(0), Controller(123), 0),
        .control(MIDIChannel(0), Controller(64), 0),
    ])
}

@Test func deviceGoneEndsCleanlyWithItsError() {
    let gone = MIDIOutputError(operation: "send event to 24:0", reason: "No such device", deviceGone: true)
    let (player, recorder, _) = manualPlayer(Fixtures.scale(), failAfter: 4, failure: gone)
    let result = player.run()
    #expect(result.error?.deviceGone == true)
    #expect(player.isFinished)
    // The failing note-off, then one silencing attempt, then nothing more to a gone device.
    #expect(recorder.attempted.count == 6)
}

// MARK: The real thread

@Test func realThreadPlaysAShortTimelineToCompletion() throws {
    let notes = (0..<20).map { i in
        Note(pitch: UInt8(40 + i), start: Int64(i) * 5_000_000, end: Int64(i) * 5_000_000 + 3_000_000, velocity: 0.5)
    }
    let timeline = Timeline(task: MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: notes)]))
    let recorder = RecordingOutput()
    let player = Player(timeline: timeline, output: recorder)
    try player.start()
    #expect(player.wait().isFinished)
    #expect(Array(recorder.messages.prefix(timeline.events.count)) == timeline.events.map(\.message))
    #expect(recorder.sounding.isEmpty)
    #expect(player.schedulerCPUTime != nil)
}

@Test func stopFromAnotherThreadEndsRealPlayback() throws {
    let recorder = RecordingOutput()
    let player = Player(timeline: Fixtures.scale(count: 30), output: recorder)
    try player.start()
    let clock = MonotonicClock()
    clock.idle(until: clock.now() + .milliseconds(30))
    player.stop()
    #expect(player.wait().isStopped)
    #expect(recorder.sounding.isEmpty)
    #expect(recorder.silenced(channels: [0]))
}

// MARK: More transport

@Test func seekReplaysControllersSetBeforeTheTarget() {
    var timeline = Fixtures.scale()
    let volume = TimelineEvent(time: Fixtures.second, message: .control(MIDIChannel(0), Controller(7), 90))
    timeline.events.insert(volume, at: timeline.events.firstIndex { $0.time >= volume.time }!)
    let (player, recorder, clock) = manualPlayer(timeline)
    clock.at(at(0.25)) { player.seek(to: .seconds(2.5)) }
    player.run()
    let after = entries(recorder) { $0.time! >= at(0.25) }.map(\.message)
    let volumeAt = after.firstIndex(of: .control(MIDIChannel(0), Controller(7), 90))
    let noteAt = after.firstIndex { $0.startsNote }
    #expect(volumeAt != nil && noteAt != nil && volumeAt! < noteAt!)
}

@Test func seekWhilePausedResumesAtTheTarget() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(0.25)) { player.pause() }
    clock.at(at(0.5)) { player.seek(to: .seconds(3)) }
    clock.at(at(1.0)) { player.resume() }
    #expect(player.run().isFinished)
    let ons = recorder.entries.filter { $0.message.startsNote }
    #expect(ons.map(\.message.data1) == [60, 63])
    #expect(ons.map(\.time) == [at(0), at(1)])
    #expect(recorder.sounding.isEmpty)
}

@Test func stopWhilePausedEndsStoppedAndSilent() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    clock.at(at(1.25)) { player.pause() }
    clock.at(at(2.0)) { player.stop() }
    #expect(player.run().isStopped)
    #expect(recorder.sounding.isEmpty)
    #expect(recorder.silenced(channels: [0]))
}

@Test func stopRequestedBeforeStartingEndsAtOnce() {
    let (player, recorder, _) = manualPlayer(Fixtures.scale())
    player.stop()
    #expect(player.run().isStopped)
    #expect(!recorder.messages.contains { $0.startsNote })
}

@Test func pauseRequestedBeforeStartingStartsPaused() {
    let (player, recorder, clock) = manualPlayer(Fixtures.scale())
    player.pause()
    clock.at(at(2)) { player.resume() }
    #expect(player.run().isFinished)
    let ons = recorder.entries.filter { $0.message.startsNote }
    #expect(ons.first == sent(.noteOn(MIDIChannel(0), key: 60, velocity: 102), at: 2))
}
