// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Playback
import PlaybackTesting
import Testing

private let drums = MIDIChannel.drums
private let bass = MIDIChannel(0)
private let piano = MIDIChannel(1)

@Test func eachChannelGoesToItsOutputAndTheRestToTheDefault() throws {
    let main = RecordingOutput(), drumMachine = RecordingOutput()
    let router = ChannelRouter(outputs: [main, drumMachine], routes: [drums: 1])
    try router.send(.noteOn(drums, key: 36, velocity: 100))
    try router.send(.noteOn(bass, key: 40, velocity: 100))
    try router.send(.program(piano, 0))
    #expect(drumMachine.messages == [.noteOn(drums, key: 36, velocity: 100)])
    #expect(main.messages == [.noteOn(bass, key: 40, velocity: 100), .program(piano, 0)])
    #expect(router.output(for: drums) == 1)
    #expect(router.output(for: piano) == 0)
}

@Test func systemMessagesGoToEveryOutput() throws {
    let a = RecordingOutput(), b = RecordingOutput()
    let router = ChannelRouter(outputs: [a, b], routes: [drums: 1])
    try router.send(.system(.start))
    try router.send(.system(.clock))
    #expect(a.messages == [.system(.start), .system(.clock)])
    #expect(b.messages == a.messages)
}

@Test func flushReachesEveryOutput() throws {
    let a = RecordingOutput(), b = RecordingOutput()
    let router = ChannelRouter(outputs: [a, b], routes: [:])
    try router.flush()
    #expect(a.flushCount == 1 && b.flushCount == 1)
}

@Test func silencingThroughTheRouterSilencesEveryPortUsed() throws {
    let main = RecordingOutput(), drumMachine = RecordingOutput()
    let output = SilencingOutput(ChannelRouter(outputs: [main, drumMachine], routes: [drums: 1]))
    try output.send(.noteOn(drums, key: 36, velocity: 100))
    try output.send(.noteOn(bass, key: 40, velocity: 100))
    try output.silence()
    #expect(drumMachine.sounding.isEmpty && main.sounding.isEmpty)
    #expect(drumMachine.silenced(channels: [drums.rawValue]))
    #expect(main.silenced(channels: [bass.rawValue]))
    // Each port hears only its own channels' resets.
    #expect(!main.messages.contains { $0.channel == drums })
    #expect(!drumMachine.messages.contains { $0.channel == bass })
}

@Test func aGoneOutputIsSkippedSoTheOthersAreStillSilenced() throws {
    let gone = MIDIOutputError(operation: "play to port 24:0", reason: "the port was removed", deviceGone: true)
    let main = RecordingOutput(), drumMachine = RecordingOutput(failure: gone)
    let output = SilencingOutput(ChannelRouter(outputs: [main, drumMachine], routes: [drums: 1]))
    try output.send(.noteOn(bass, key: 40, velocity: 100))
    try output.send(.noteOn(drums, key: 36, velocity: 100))
    drumMachine.fail()
    #expect(throws: MIDIOutputError.self) { try output.send(.noteOff(drums, key: 36)) }
    // The silencing after the failure: the drum machine is not tried again, the main port is silenced.
    let triedBefore = drumMachine.attempted.count
    try output.silence()
    #expect(drumMachine.attempted.count == triedBefore)
    #expect(main.sounding.isEmpty)
    #expect(main.silenced(channels: [bass.rawValue]))
}
