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

/// MIDI clock as a slaved drum machine must see it: Stop on every way
/// playback stops or pauses, Song Position Pointer and Continue (on the
/// next sixteenth) after every jump.

private func at(_ seconds: Double) -> MonotonicInstant { Fixtures.instant(seconds) }

/// The 4-note scale (0–3.5 s) with a 120 BPM clock: a clock every 20.83 ms, a sixteenth every 125 ms.
private func clocked() -> Timeline { MIDIClockTrack(bpm: 120).adding(to: Fixtures.scale()) }

private func play(_ options: Player.Options = Player.Options(), _ script: (Player, ManualClock) -> Void) -> RecordingOutput {
    let clock = ManualClock()
    let recorder = RecordingOutput(clock: clock)
    let player = Player(timeline: clocked(), output: recorder, options: options, clock: clock)
    script(player, clock)
    _ = player.run()
    return recorder
}

/// The transport messages (not the clocks), with their times.
private func transport(_ r: RecordingOutput) -> [RecordingOutput.Entry] {
    r.entries.filter { $0.message.channel == nil && $0.message != .system(.clock) }
}

@Test func playingThroughStartsAndStopsOnce() {
    let r = play { _, _ in }
    #expect(transport(r).map(\.message) == [.system(.start), .system(.stop)])
}

@Test(arguments: [0.0, 1.3])
func aStopRequestSendsMIDIStop(seconds: Double) {
    // Ctrl-C, SIGTERM and q all end through stop().
    let r = play { player, clock in clock.at(at(seconds + 0.01)) { player.stop() } }
    let t = transport(r)
    #expect(t.map(\.message) == [.system(.start), .system(.stop)])
    // Seen at the scheduler's next turn: within one clock interval (20.8 ms) here.
    #expect(t.last!.time! - at(seconds + 0.01) < .milliseconds(21))
    // Nothing after the Stop but the notes' silencing.
    let stop = r.entries.firstIndex { $0.message == .system(.stop) }!
    #expect(!r.entries[stop...].contains { $0.message == .system(.clock) })
}

@Test func pauseStopsTheClockAndResumeContinuesOnTheNextSixteenth() {
    let r = play { player, clock in
        clock.at(at(1.3)) { player.pause() }
        clock.at(at(2.0)) { player.resume() }
    }
    let t = transport(r)
    // Paused at song time 1.3 s: 63 clocks had passed; the next sixteenth is the 11th (1.375 s),
    // reached 75 ms after the resume.
    #expect(t.map(\.message) == [.system(.start), .system(.stop), .songPosition(sixteenths: 11), .system(.continue), .system(.stop)])
    // The pause and the resume are seen at the next clock (within 21 ms); the Continue
    // lands exactly on the sixteenth, 75 ms of song after the resume point.
    #expect(t[1].time! - at(1.3) < .milliseconds(21) && t[2].time! - at(2.0) < .milliseconds(21))
    #expect(t[3].time == at(2.075) || t[3].time! - t[2].time! == .milliseconds(75) - (t[1].time! - at(1.3)))
    // No clock between the resume and the Continue; clocks again with it.
    let clocks = r.entries.filter { $0.message == .system(.clock) }.map(\.time)
    #expect(!clocks.contains { $0! > at(1.3) && $0! < at(2.075) })
    #expect(clocks.contains(at(2.075)))
}

@Test func aSeekSendsStopSongPositionAndContinue() {
    let r = play { player, clock in clock.at(at(0.5)) { player.seek(to: .seconds(2.0)) } }
    let t = transport(r)
    // 2.0 s is the 16th sixteenth exactly: Continue with the clock at 2.0 s, due at once.
    #expect(t.map(\.message) == [.system(.start), .system(.stop), .songPosition(sixteenths: 16), .system(.continue), .system(.stop)])
    #expect(t[1].time == at(0.5) && t[2].time == at(0.5) && t[3].time == at(0.5))
}

@Test func startingPartWayPositionsTheDeviceInsteadOfStart() {
    let r = play(Player.Options(start: .seconds(1.0))) { _, _ in }
    let t = transport(r)
    #expect(t.map(\.message) == [.songPosition(sixteenths: 8), .system(.continue), .system(.stop)])
}

@Test func aLoopWrapRepositionsTheDevice() {
    let options = Player.Options(loop: .init(start: .seconds(1.0), end: .seconds(2.0)))
    let r = play(options) { player, clock in clock.at(at(2.5)) { player.stop() } }
    let t = transport(r)
    // Starts at the loop's start (1.0 s: sixteenth 8), wraps at 1 s and 2 s, stopped at 2.5 s.
    let wrap: [MIDIMessage] = [.system(.stop), .songPosition(sixteenths: 8), .system(.continue)]
    #expect(t.map(\.message) == [.songPosition(sixteenths: 8), .system(.continue)] + wrap + wrap + [.system(.stop)])
    #expect(t[2].time == at(1.0) && t[4].time == at(1.0) && t[5].time == at(2.0))
}

@Test func anEndBeforeTheSongsEndStillStopsTheDevice() {
    let r = play(Player.Options(end: .seconds(1.0))) { _, _ in }
    #expect(transport(r).map(\.message) == [.system(.start), .system(.stop)])
}
