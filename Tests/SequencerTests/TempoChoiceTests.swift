// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer
import Testing

/// The one decision of which tempo a command builds on.
@Suite struct TempoChoiceTests {
    /// A steady kick and bass at 100 BPM, 16 bars from 0.5 s.
    let song: MIDITask = {
        var drums: [Note] = [], bass: [Note] = []
        for beat in 0..<64 {
            let t = Int64((0.5 + Double(beat) * 0.6) * 1e9)
            drums.append(Note(pitch: beat % 2 == 0 ? 36 : 38, start: t, end: t + 100_000_000, velocity: 0.9))
            bass.append(Note(pitch: 40, start: t, end: t + 500_000_000, velocity: 0.8))
        }
        return MIDITask(instruments: [Instrument(name: "Drums", notes: drums),
                                      Instrument(name: "Electric Bass (finger)", notes: bass)])
    }()

    func plan(_ task: MIDITask) -> ChannelPlan { ChannelPlan(instruments: task.instruments) }

    @Test func nothingGivenIsTheEstimate() throws {
        let (tempo, unclear) = TempoChoice().trusted(of: song, plan: plan(song))
        let found = try #require(tempo)
        #expect(abs(found.bpm - 100) < 1)
        #expect(unclear.isEmpty)
    }

    @Test func aGivenTempoWinsAndKeepsTheTrustedFirstBeat() throws {
        let estimate = try #require(TempoChoice().tempo(of: song, plan: plan(song)))
        let given = try #require(TempoChoice(bpm: 90).trusted(of: song, plan: plan(song)).tempo)
        #expect(given.bpm == 90)
        #expect(given.firstBeat == estimate.firstBeat)
        let moved = try #require(TempoChoice(firstBeat: 2).tempo(of: song, plan: plan(song)))
        #expect(moved.firstBeat == 2_000_000_000)
        #expect(abs(moved.bpm - estimate.bpm) < 0.01)
    }

    @Test func tooFewNotesSaySo() {
        let empty = MIDITask(instruments: [Instrument(name: "Flute", notes: [])])
        let (tempo, unclear) = TempoChoice().trusted(of: empty, plan: plan(empty))
        #expect(tempo == nil)
        #expect(unclear == "there are too few notes to tell the tempo")
        // Given, it is built on even without notes: 120 unless stated, from 0.
        let given = TempoChoice(bpm: 150).trusted(of: empty, plan: plan(empty)).tempo
        #expect(given?.bpm == 150)
    }
}
