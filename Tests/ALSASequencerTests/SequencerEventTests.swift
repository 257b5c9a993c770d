// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import CALSA
import Testing
@testable import ALSASequencer

@Test func noteOnGoesDirectToSubscribersFromOurPort() throws {
    let event = try #require(snd_seq_event_t(.noteOn(MIDIChannel(9), key: 36, velocity: 100), from: 3))
    #expect(event.type == UInt8(SND_SEQ_EVENT_NOTEON.rawValue))
    #expect(event.queue == UInt8(SND_SEQ_QUEUE_DIRECT))
    #expect(event.source.port == 3)
    #expect(event.dest.client == UInt8(SND_SEQ_ADDRESS_SUBSCRIBERS))
    #expect(event.data.note.channel == 9)
    #expect(event.data.note.note == 36)
    #expect(event.data.note.velocity == 100)
}

@Test func noteOffKeepsChannelAndKey() throws {
    let event = try #require(snd_seq_event_t(.noteOff(MIDIChannel(2), key: 60), from: 0))
    #expect(event.type == UInt8(SND_SEQ_EVENT_NOTEOFF.rawValue))
    #expect(event.data.note.channel == 2)
    #expect(event.data.note.note == 60)
}

@Test func controlChangeCarriesControllerAndValue() throws {
    let event = try #require(snd_seq_event_t(.control(MIDIChannel(4), Controller(123), 0), from: 0))
    #expect(event.type == UInt8(SND_SEQ_EVENT_CONTROLLER.rawValue))
    #expect(event.data.control.channel == 4)
    #expect(event.data.control.param == 123)
    #expect(event.data.control.value == 0)
}

@Test func programChangeCarriesTheProgramAsValue() throws {
    let event = try #require(snd_seq_event_t(.program(MIDIChannel(1), 40), from: 0))
    #expect(event.type == UInt8(SND_SEQ_EVENT_PGMCHANGE.rawValue))
    #expect(event.data.control.channel == 1)
    #expect(event.data.control.value == 40)
}

@Test func pitchBendIsCentredOnZero() throws {
    let centre = try #require(snd_seq_event_t(MIDIMessage(status: 0xE0, data1: 0, data2: 64), from: 0))
    let top = try #require(snd_seq_event_t(MIDIMessage(status: 0xE0, data1: 127, data2: 127), from: 0))
    #expect(centre.data.control.value == 0)
    #expect(top.data.control.value == 8191)
}

@Test func clockStartAndStopBecomeRealTimeEvents() throws {
    #expect(snd_seq_event_t(MIDIMessage(status: 0xF8, data1: 0), from: 0)?.type == UInt8(SND_SEQ_EVENT_CLOCK.rawValue))
    #expect(snd_seq_event_t(MIDIMessage(status: 0xFA, data1: 0), from: 0)?.type == UInt8(SND_SEQ_EVENT_START.rawValue))
    #expect(snd_seq_event_t(MIDIMessage(status: 0xFC, data1: 0), from: 0)?.type == UInt8(SND_SEQ_EVENT_STOP.rawValue))
}

@Test func systemExclusiveHasNoEvent() {
    #expect(snd_seq_event_t(MIDIMessage(status: 0xF0, data1: 0), from: 0) == nil)
}
