// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Playback
import Testing

@Test func noteOnAndNoteOffUpdateTheTable() {
    var notes = SoundingNotes()
    notes.apply(.noteOn(MIDIChannel(3), key: 100, velocity: 90))
    notes.apply(.noteOn(MIDIChannel(0), key: 1, velocity: 90))
    #expect(notes.contains(channel: MIDIChannel(3), key: 100))
    #expect(notes.count == 2)
    notes.apply(.noteOff(MIDIChannel(3), key: 100))
    #expect(!notes.contains(channel: MIDIChannel(3), key: 100))
    #expect(notes.count == 1)
}

@Test func noteOnWithVelocityZeroIsANoteOff() {
    var notes = SoundingNotes()
    notes.apply(.noteOn(MIDIChannel(9), key: 36, velocity: 100))
    notes.apply(.noteOn(MIDIChannel(9), key: 36, velocity: 0))
    #expect(notes.isEmpty)
}

@Test func forEachVisitsEverySoundingNoteByChannelThenKey() {
    var notes = SoundingNotes()
    for (ch, key) in [(15, 127), (0, 64), (0, 63), (7, 0)] as [(UInt8, UInt8)] { notes.insert(channel: MIDIChannel(ch), key: key) }
    var visited: [[UInt8]] = []
    notes.forEach { ch, key in visited.append([ch.rawValue, key]) }
    #expect(visited == [[0, 63], [0, 64], [7, 0], [15, 127]])
}

@Test func controllersDoNotChangeTheTable() {
    var notes = SoundingNotes()
    notes.insert(channel: MIDIChannel(2), key: 60)
    notes.apply(.control(MIDIChannel(2), Controller(123), 0))
    #expect(notes.contains(channel: MIDIChannel(2), key: 60))
}
