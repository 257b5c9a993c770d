// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer
import Testing

/// A task made ready the one way play, render and export do it.
@Suite struct PreparedSongTests {
    func notes(_ starts: [Double]) -> [Note] {
        starts.map { Note(pitch: 60, start: Int64($0 * 1e9), end: Int64(($0 + 0.2) * 1e9), velocity: 0.8) }
    }

    @Test func nothingToPlaySaysWhy() throws {
        let empty = MIDITask(instruments: [Instrument(name: "Flute", notes: [])])
        #expect(try PreparedSong(empty, .init()).nothingToPlay == "task has no notes")
        let task = MIDITask(instruments: [Instrument(name: "Flute", notes: notes([0, 1]))])
        #expect(try PreparedSong(task, .init()).nothingToPlay == nil)
        let muted = PreparedSong.Request(timeline: Timeline.Options(muted: [0]))
        #expect(try PreparedSong(task, muted).nothingToPlay == "every note is muted or out of range")
    }

    @Test func quantizingWithoutATempoToTrustIsRefused() throws {
        // Two notes: too few to tell a tempo, so no grid to move them to.
        let task = MIDITask(instruments: [Instrument(name: "Flute", notes: notes([0.013, 1.071]))])
        let grid = try #require(QuantizeGrid("1/16"))
        #expect(throws: PreparedSong.Failure.noTempoToQuantize(unclear: "there are too few notes to tell the tempo")) {
            try PreparedSong(task, .init(quantize: Quantizer(grid: grid)))
        }
        // With the tempo given, they move onto its sixteenths.
        let given = try PreparedSong(task, .init(tempo: TempoChoice(bpm: 120, firstBeat: 0), quantize: Quantizer(grid: grid)))
        #expect(given.quantized?.notes == 2)
        #expect(given.task.instruments[0].notes.map(\.start) == [0, 1_125_000_000])  // 0.125 s sixteenths
    }

    @Test func aChannelRequestTheTaskCannotMeetFails() throws {
        let task = MIDITask(instruments: [Instrument(name: "Flute", notes: notes([0]))])
        let request = try ChannelRequest(parsing: "Kazoo=2")
        #expect(throws: PreparedSong.Failure.self) { try PreparedSong(task, .init(channels: [request])) }
    }
}
