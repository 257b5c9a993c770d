// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Playback
import PlaybackTesting
import Testing

@Test func silenceEndsExactlyTheSoundingNotesThenResetsUsedChannels() throws {
    let recorder = RecordingOutput()
    let output = SilencingOutput(recorder)
    try output.send(.program(MIDIChannel(4), 10))
    try output.send(.noteOn(MIDIChannel(0), key: 60, velocity: 100))
    try output.send(.noteOn(MIDIChannel(0), key: 64, velocity: 100))
    try output.send(.noteOff(MIDIChannel(0), key: 60))
    let before = recorder.messages.count
    try output.silence()
    let tail = Array(recorder.messages.dropFirst(before))
    #expect(tail == [
        .noteOff(MIDIChannel(0), key: 64),
        .control(MIDIChannel(0), Controller(120), 0),
        .control(MIDIChannel(0), Controller(123), 0),
        .control(MIDIChannel(0), Controller(64), 0),
        .control(MIDIChannel(4), Controller(120), 0),
        .control(MIDIChannel(4), Controller(123), 0),
        .control(MIDIChannel(4), Controller(64), 0),
    ])
    #expect(recorder.sounding.isEmpty)
    #expect(output.sounding.isEmpty)
    #expect(recorder.flushCount == 1)
}

@Test func noteOffForAKeyNotSoundingIsNotSent() throws {
    let recorder = RecordingOutput()
    let output = SilencingOutput(recorder)
    try output.send(.noteOff(MIDIChannel(1), key: 50))
    try output.send(.noteOn(MIDIChannel(1), key: 50, velocity: 0))
    #expect(recorder.messages.isEmpty)
}

@Test func silenceTriesEveryMessageWhenSomeFailAndThrowsTheFirst() throws {
    let recorder = RecordingOutput()
    let output = SilencingOutput(recorder)
    try output.send(.noteOn(MIDIChannel(0), key: 60, velocity: 100))
    try output.send(.noteOn(MIDIChannel(1), key: 61, velocity: 100))
    recorder.fail()
    #expect(throws: MIDIOutputError.self) { try output.silence() }
    // 2 note-offs and 3 controllers on each of 2 channels were all tried.
    #expect(recorder.attempted.count == 2 + 2 + 6)
    #expect(output.sounding.isEmpty)
}

@Test func silenceStopsAtOnceWhenTheDeviceIsGone() throws {
    let recorder = RecordingOutput(failure: MIDIOutputError(operation: "send", reason: "gone", deviceGone: true))
    let output = SilencingOutput(recorder)
    try output.send(.noteOn(MIDIChannel(0), key: 60, velocity: 100))
    try output.send(.noteOn(MIDIChannel(0), key: 62, velocity: 100))
    recorder.fail()
    #expect(throws: MIDIOutputError.self) { try output.silence() }
    #expect(recorder.attempted.count == 3)
}

@Test func midiClockBytesDoNotCountAsChannelsToReset() throws {
    let recorder = RecordingOutput()
    let output = SilencingOutput(recorder)
    try output.send(MIDIMessage(status: 0xFA, data1: 0))   // start
    try output.send(MIDIMessage(status: 0xF8, data1: 0))   // clock
    try output.send(.noteOn(MIDIChannel(2), key: 60, velocity: 100))
    let before = recorder.messages.count
    try output.silence()
    let channels = Set(recorder.messages.dropFirst(before).map(\.channel))
    #expect(channels == [MIDIChannel(2)])
    #expect(output.usedChannels == 1 << 2)
}
