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

/// Mute, solo and the loop changed while playing.

private let second = Fixtures.second
private func at(_ seconds: Double) -> MonotonicInstant { Fixtures.instant(seconds) }


private func play(_ timeline: Timeline, _ options: Player.Options = Player.Options(),
                  _ script: (Player, ManualClock) -> Void) -> RecordingOutput {
    let clock = ManualClock()
    let recorder = RecordingOutput(clock: clock)
    let player = Player(timeline: timeline, output: recorder, options: options, clock: clock)
    script(player, clock)
    #expect(player.run().isFinished || player.isFinished)
    return recorder
}

private func onTimes(_ recorder: RecordingOutput, channel: UInt8) -> [MonotonicInstant?] {
    recorder.entries.filter { $0.message.startsNote && $0.message.channel == MIDIChannel(channel) }.map(\.time)
}

@Test func muteEndsTheInstrumentsSoundingNotesAtOnceAndSkipsItsLaterNotes() {
    let recorder = play(Fixtures.trio()) { player, clock in
        clock.at(at(2.5)) { player.setSilentInstruments([1]) }
    }
    // The bass note started at 2 s ends at the mute, not at 3.5 s; the others play on.
    let offs = recorder.entries.filter { $0.message.endsNote && $0.message.channel == MIDIChannel(1) }
    #expect(offs.map(\.time) == [at(1.5), at(2.5)])
    #expect(onTimes(recorder, channel: 1) == [at(0), at(2)])
    #expect(onTimes(recorder, channel: 0) == [at(0), at(2), at(4), at(6)])
    #expect(onTimes(recorder, channel: 2) == [at(0), at(2), at(4), at(6)])
    // Only the bass was cut at the mute.
    #expect(recorder.entries.filter { $0.time == at(2.5) }.map(\.message) == [.noteOff(MIDIChannel(1), key: 64)])
    #expect(recorder.sounding.isEmpty)
}

@Test func unmuteComesBackFromTheNextNoteNotMidNote() {
    let recorder = play(Fixtures.trio()) { player, clock in
        clock.at(at(0.5)) { player.setSilentInstruments([0]) }
        clock.at(at(4.5)) { player.setSilentInstruments([]) }
    }
    // Muted from 0.5 s: the 2 s and 4 s notes are skipped (4 s is mid-way at 4.5 s); back at 6 s.
    #expect(onTimes(recorder, channel: 0) == [at(0), at(6)])
    #expect(recorder.sounding.isEmpty)
}

@Test func soloSilencesEveryOtherInstrument() {
    var mix = InstrumentMix(count: 3)
    mix.toggleSolo(2)
    #expect(mix.silent == [0, 1])
    let silent = mix.silent
    let recorder = play(Fixtures.trio()) { player, clock in
        clock.at(at(3)) { player.setSilentInstruments(silent) }
    }
    #expect(onTimes(recorder, channel: 0) == [at(0), at(2)])
    #expect(onTimes(recorder, channel: 1) == [at(0), at(2)])
    #expect(onTimes(recorder, channel: 2) == [at(0), at(2), at(4), at(6)])
    // Both cut at 3 s, the violin untouched.
    #expect(Set(recorder.entries.filter { $0.time == at(3) }.map(\.message))
        == [.noteOff(MIDIChannel(0), key: 60), .noteOff(MIDIChannel(1), key: 64)])
}

@Test func instrumentsSharingAChannelAreMutedApart() {
    // Two drum kits share channel 10: muting one must not cut the other.
    let kitA = Instrument(name: "Drums", notes: [Note(pitch: 36, start: 0, end: 2 * second, velocity: 1)])
    let kitB = Instrument(name: "Drums", notes: [Note(pitch: 38, start: 0, end: 2 * second, velocity: 1)])
    let timeline = Timeline(task: MIDITask(instruments: [kitA, kitB]))
    let recorder = play(timeline) { player, clock in
        clock.at(at(1)) { player.setSilentInstruments([0]) }
    }
    let drums = MIDIChannel(9)
    #expect(recorder.entries.contains(RecordingOutput.Entry(message: .noteOff(drums, key: 36), time: at(1))))
    #expect(recorder.entries.contains(RecordingOutput.Entry(message: .noteOff(drums, key: 38), time: at(2))))
}

@Test func mixTogglesMuteAndSoloAsADeskDoes() {
    var mix = InstrumentMix(count: 4)
    mix.toggleMute(1)
    #expect(mix.silent == [1])
    mix.toggleSolo(1)
    mix.toggleSolo(2)
    // Soloed and muted stays silent; the unsoloed are silent.
    #expect(mix.silent == [0, 1, 3])
    mix.toggleMute(1)
    #expect(mix.silent == [0, 3])
    mix.toggleSolo(1)
    mix.toggleSolo(2)
    #expect(mix.silent.isEmpty)
    mix.toggleMute(9)  // no such instrument: nothing changes
    #expect(mix.muted.isEmpty)
}

@Test func loopSetWhilePlayingWrapsAtItsEnd() {
    let recorder = play(Fixtures.trio()) { player, clock in
        clock.at(at(0.5)) { player.setLoop(.init(start: .seconds(2), end: .seconds(4))) }
        clock.at(at(7.9)) { player.stop() }
    }
    // Plays on into the loop (2 s), wraps at 4 s back to 2 s, and again at 6 s.
    #expect(onTimes(recorder, channel: 0) == [at(0), at(2), at(4), at(6)])
    // Each wrap silences (all-notes-off on channel 1), then the stop does.
    let silencings = recorder.entries.filter { $0.message == .control(MIDIChannel(0), .allNotesOff, 0) }.map(\.time)
    #expect(silencings == [at(4), at(6), at(7.9)])
    #expect(recorder.sounding.isEmpty)
}

@Test func loopSetBehindThePlayheadJumpsToItsStart() {
    let recorder = play(Fixtures.trio()) { player, clock in
        clock.at(at(5)) { player.setLoop(.init(start: .seconds(0), end: .seconds(2))) }
        clock.at(at(8.5)) { player.stop() }
    }
    // At 5 s the loop 0–2 s is behind: back to 0 at once (a note at 0 sounds at 5 s), then every 2 s.
    #expect(onTimes(recorder, channel: 0) == [at(0), at(2), at(4), at(5), at(7)])
}

@Test func endingTheLoopPlaysOnToTheSongsEnd() {
    let options = Player.Options(loop: .init(start: .seconds(0), end: .seconds(2)))
    let recorder = play(Fixtures.trio(), options) { player, clock in
        clock.at(at(3)) { player.setLoop(nil) }
    }
    // Wrapped once at 2 s (0 s again), then went on: 2 s of song at 4 s, 4 s at 6 s, 6 s at 8 s.
    #expect(onTimes(recorder, channel: 0) == [at(0), at(2), at(4), at(6), at(8)])
    #expect(recorder.sounding.isEmpty)
}
