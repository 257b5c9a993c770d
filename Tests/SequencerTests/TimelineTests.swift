// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import MIDITask
import MIDIWire
import Testing
@testable import Sequencer

let ms: Int64 = 1_000_000

func task(_ instruments: [(String, [(UInt8, Int64, Int64, Double)])]) -> MIDITask {
    MIDITask(instruments: instruments.map { name, notes in
        Instrument(name: name, notes: notes.map { Note(pitch: $0.0, start: $0.1 * ms, end: $0.2 * ms, velocity: $0.3) })
    })
}

/// Events as (time ms, kind, channel 1–16, key/controller/program, value) for readable expectations.
func describe(_ events: [TimelineEvent]) -> [String] {
    events.map { e in
        let kind: String
        switch e.message.kind {
        case .noteOn: kind = "on"
        case .noteOff: kind = "off"
        case .controlChange: kind = "cc"
        case .programChange: kind = "pc"
        default: kind = "?"
        }
        return "\(e.time / ms) \(kind) ch\(e.message.channel!.number) \(e.message.data1)" + (e.message.kind == .noteOff || e.message.kind == .programChange ? "" : " \(e.message.data2)")
    }
}

@Suite struct TimelineTests {
    @Test func velocityScalesToOneThroughOneTwentySeven() {
        let t = Timeline(task: task([("Flute", [(60, 0, 10, 0), (61, 0, 10, 0.5), (62, 0, 10, 1), (63, 0, 10, 0.001)])]))
        let velocities = t.events.filter { $0.message.kind == .noteOn }.map(\.message.data2)
        #expect(velocities == [1, 64, 127, 1])
    }

    @Test func setupComesFirstThenOffsThenOnsThenTaskOrder() {
        let t = Timeline(task: task([
            ("Flute", [(72, 0, 100, 1), (74, 100, 200, 1)]),
            ("Drums", [(36, 0, 100, 1), (38, 100, 150, 1)]),
        ]))
        #expect(describe(t.events) == [
            "0 cc ch1 0 0", "0 cc ch1 32 0", "0 pc ch1 73", "0 pc ch10 0",
            "0 on ch1 72 127", "0 on ch10 36 127",
            "100 off ch1 72", "100 off ch10 36",
            "100 on ch1 74 127", "100 on ch10 38 127",
            "150 off ch10 38", "200 off ch1 74",
        ])
    }

    @Test func anOverlappingStartRetriggersAndTheKeyIsReleasedByTheLastEnd() {
        // 0–300 and 100–200 on one key: the second strikes again, the first's end holds the key.
        let t = Timeline(task: task([("Piano", [(60, 0, 300, 0.5), (60, 100, 200, 1)])]))
        #expect(describe(t.events).filter { !$0.contains("cc") && !$0.contains("pc") } == [
            "0 on ch1 60 64", "100 off ch1 60", "100 on ch1 60 127", "300 off ch1 60",
        ])
    }

    @Test func overlapsAcrossInstrumentsSharingAChannelAreMerged() throws {
        let song = task([("Choir Aahs", [(60, 0, 200, 1)]), ("choir aahs", [(60, 50, 100, 1)])])
        let plan = try ChannelPlan(instruments: song.instruments, requests: [ChannelRequest(parsing: "Choir Aahs=1")])
        let t = Timeline(task: song, plan: plan)
        let notes = describe(t.events).filter { $0.contains(" on ") || $0.contains(" off ") }
        #expect(notes == ["0 on ch1 60 127", "50 off ch1 60", "50 on ch1 60 127", "200 off ch1 60"])
    }

    @Test func notesStruckTogetherOnOneKeySoundOnceAtTheLouderVelocity() {
        let t = Timeline(task: task([("Piano", [(60, 0, 100, 0.2), (60, 0, 300, 0.9)])]))
        let notes = describe(t.events).filter { $0.contains(" on ") || $0.contains(" off ") }
        #expect(notes == ["0 on ch1 60 114", "300 off ch1 60"])
        #expect(t.noteCount == 1)
    }

    @Test func aZeroLengthNoteStillEndsAfterItStarts() {
        let t = Timeline(task: task([("Drums", [(36, 500, 500, 1)])]))
        let notes = t.events.filter { $0.message.kind == .noteOn || $0.message.kind == .noteOff }
        #expect(notes.map(\.time) == [500 * ms, 500 * ms + Timeline.minimumNoteLength])
        #expect(notes.map(\.message.kind) == [.noteOn, .noteOff])
    }

    @Test func aNoteStartingAsAnotherEndsPlaysAfterTheRelease() {
        let t = Timeline(task: task([("Piano", [(60, 0, 100, 1), (60, 100, 200, 1)])]))
        let notes = describe(t.events).filter { $0.contains(" on ") || $0.contains(" off ") }
        #expect(notes == ["0 on ch1 60 127", "100 off ch1 60", "100 on ch1 60 127", "200 off ch1 60"])
    }

    /// On random tasks with many overlaps: per (channel, key), ons and offs
    /// alternate, starting with an on and ending with an off, and time never
    /// goes backwards.
    @Test func everyNoteOnHasExactlyOneNoteOffOnRandomTasks() {
        var rng = SplitMix(seed: 7)
        for round in 0..<20 {
            var instruments: [(String, [(UInt8, Int64, Int64, Double)])] = []
            for name in ["Piano", "Drums", "Piano", "Flute"] {
                var notes: [(UInt8, Int64, Int64, Double)] = []
                for _ in 0..<300 {
                    let start = Int64(rng.next() % 2000)
                    let pitch = UInt8(60 + rng.next() % 4)
                    let length = Int64(rng.next() % 300)
                    notes.append((pitch, start, start + length, Double(rng.next() % 100) / 100))
                }
                instruments.append((name, notes))
            }
            let t = Timeline(task: task(instruments))
            var sounding = Set<Int>()
            var last: Int64 = 0
            for e in t.events {
                #expect(e.time >= last)
                last = e.time
                let slot = Int(e.message.channel!.rawValue) * 128 + Int(e.message.data1)
                if e.message.kind == .noteOn { #expect(sounding.insert(slot).inserted, "round \(round): double on") }
                if e.message.kind == .noteOff { #expect(sounding.remove(slot) != nil, "round \(round): off without on") }
            }
            #expect(sounding.isEmpty, "round \(round): notes left sounding")
        }
    }

    @Test func transposeMovesMelodicNotesButNotDrums() {
        let t = Timeline(task: task([("Piano", [(60, 0, 10, 1), (126, 0, 10, 1)]), ("Drums", [(36, 0, 10, 1)])]),
                         options: .init(transpose: 2))
        let keys = t.events.filter { $0.message.kind == .noteOn }.map { "\($0.message.channel!.number):\($0.message.data1)" }
        #expect(keys == ["1:62", "10:36"])
        #expect(t.warnings.last == "transposing by 2 put 1 note outside 0–127, left out")
    }

    @Test func mutedInstrumentsAreLeftOut() {
        let t = Timeline(task: task([("Piano", [(60, 0, 10, 1)]), ("Flute", [(72, 0, 10, 1)])]), options: .init(muted: [0]))
        #expect(t.events.filter { $0.message.kind == .noteOn }.map(\.message.data1) == [72])
    }

    @Test func radixSortKeepsEqualTimesInOrderOverManyDigits() {
        // Times spanning several 11-bit digits, with ties.
        var events: [TimelineEvent] = []
        for i in 0..<5_000 {
            let time = Int64((i * 7_919) % 1_000) << 30
            events.append(TimelineEvent(time: time, message: MIDIMessage(status: 0x90, data1: UInt8(i % 128), data2: 1), track: UInt16(i)))
        }
        // Track numbers record the original order: ties must keep it.
        let expected = events.sorted { a, b in a.time != b.time ? a.time < b.time : a.track < b.track }
        RadixSort.sortByTime(&events)
        #expect(events == expected)
    }
}
