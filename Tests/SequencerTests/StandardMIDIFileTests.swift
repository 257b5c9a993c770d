// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import BenchmarkData
import MIDITask
import MIDIWire
import ProcessTesting
import Testing
@testable import Sequencer

@Suite struct StandardMIDIFileTests {
    @Test func ticksAreWithinAQuarterMillisecondOfTheTime() {
        for nanos in stride(from: Int64(0), to: 10_000_000_000, by: 3_333_333) {
            let back = Double(TempoMap.fixed120.ticks(nanos)) * 500_000 / 960 * 1_000
            #expect(abs(back - Double(nanos)) <= 260_417, "\(nanos)")
        }
    }

    @Test func variableLengthQuantitiesFollowTheStandard() {
        #expect(StandardMIDIFile.vlq(0) == [0x00])
        #expect(StandardMIDIFile.vlq(0x7F) == [0x7F])
        #expect(StandardMIDIFile.vlq(0x80) == [0x81, 0x00])
        #expect(StandardMIDIFile.vlq(0x3FFF) == [0xFF, 0x7F])
        #expect(StandardMIDIFile.vlq(0x0FFF_FFFF) == [0xFF, 0xFF, 0xFF, 0x7F])
    }

    /// Exports a generated multi-instrument task with drums and overlaps,
    /// reads it back with mido, and compares every note with the timeline.
    /// The fixed 120 BPM map on random notes; the song's own map on generated
    /// songs: a steady one, and one drifting 3 % (a tempo per bar).
    @Test(arguments: [nil, 0.0, 0.03])
    func roundTripThroughAnIndependentReaderKeepsEveryNote(drift: Double?) throws {
        let source: MIDITask
        var tempo = TempoMap.fixed120
        if let drift {
            // The first generated rock song drifting about as asked.
            var seed: UInt64 = 1
            var song = TempoEvaluationSet.make(count: 1, seed: seed)[0]
            while drift == 0 ? song.drift != 0 : abs(song.drift) < 0.02 {
                seed += 1
                song = TempoEvaluationSet.make(count: 1, seed: seed)[0]
            }
            source = song.task
            let estimate = try #require(TempoEstimator.estimate(task: source, plan: ChannelPlan(instruments: source.instruments)))
            tempo = TempoMap(estimate: estimate, duration: source.duration)
            #expect(tempo.tempoChanges.count >= 1)
        } else {
            source = try TaskDecoder().decode(SyntheticTask.callbackJSON(notes: 3_000, instruments: 6, seed: 3), source: "generated")
        }
        let timeline = Timeline(task: source)
        let bytes = StandardMIDIFile.bytes(for: timeline, title: source.taskId, tempo: tempo)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("roundtrip-\(UUID()).mid")
        try Data(bytes).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }

        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/read_midi.py")
        let json = try Mido.read(file.path, withScriptAt: script.path)
        let parsed = try JSONSerialization.jsonObject(with: json) as! [String: Any]
        #expect(parsed["type"] as? Int == 1)
        // The tempo events and time signatures are those of the map.
        let tempos = (parsed["tempos"] as! [[String: Any]]).map { ($0["tick"] as! Int, $0["tempo"] as! Int) }
        #expect(tempos.map(\.0) == tempo.tempoChanges.map { Int($0.tick) })
        #expect(tempos.map(\.1) == tempo.tempoChanges.map { Int($0.microsecondsPerBeat) })
        let signatures = (parsed["time_signatures"] as! [[String: Any]]).map { ($0["tick"] as! Int, $0["numerator"] as! Int) }
        #expect(signatures.map(\.0) == tempo.timeSignatures.map { Int($0.tick) })
        #expect(signatures.map(\.1) == tempo.timeSignatures.map(\.beats))
        let tracks = parsed["tracks"] as! [[String: Any]]
        #expect(tracks.count == source.instruments.count + 1)
        #expect(tracks.dropFirst().map { $0["name"] as? String } == source.instruments.map(\.name))

        // Notes from the file: pair on/off per (channel, key) across all tracks, in time order.
        struct Played: Hashable { var channel: Int; var key: Int; var start: Double; var end: Double; var velocity: Int }
        func pairs(_ messages: [(t: Double, type: String, channel: Int, key: Int, velocity: Int)]) -> [Played] {
            var open: [Int: (Double, Int)] = [:]
            var result: [Played] = []
            for m in messages.sorted(by: { $0.t < $1.t }) {
                let slot = m.channel * 128 + m.key
                if m.type == "note_on" && m.velocity > 0 {
                    #expect(open[slot] == nil, "double note-on at \(m.t)")
                    open[slot] = (m.t, m.velocity)
                } else if let (start, velocity) = open.removeValue(forKey: slot) {
                    result.append(Played(channel: m.channel, key: m.key, start: start, end: m.t, velocity: velocity))
                }
            }
            #expect(open.isEmpty, "notes left on in the file")
            // By channel and key, then time: notes of one key never overlap, so this order
            // does not depend on how near-simultaneous notes of different keys round.
            return result.sorted { ($0.channel, $0.key, $0.start) < ($1.channel, $1.key, $1.start) }
        }
        // Within one track, mido keeps file order; sort stably by time per merged stream.
        var fileMessages: [(t: Double, type: String, channel: Int, key: Int, velocity: Int)] = []
        for track in tracks {
            for event in track["events"] as! [[String: Any]] {
                let msg = event["msg"] as! [String: Any]
                guard let type = msg["type"] as? String, type == "note_on" || type == "note_off" else { continue }
                fileMessages.append((event["t"] as! Double, type, msg["channel"] as! Int, msg["note"] as! Int, msg["velocity"] as! Int))
            }
        }
        let timelineMessages = timeline.events.compactMap { e -> (t: Double, type: String, channel: Int, key: Int, velocity: Int)? in
            guard e.message.kind == .noteOn || e.message.kind == .noteOff else { return nil }
            return (Double(e.time) / 1e9, e.message.kind == .noteOn ? "note_on" : "note_off", Int(e.message.channel!.rawValue), Int(e.message.data1), Int(e.message.data2))
        }
        let fromFile = pairs(fileMessages)
        let expected = pairs(timelineMessages)
        #expect(fromFile.count == expected.count)
        #expect(fromFile.count == timeline.noteCount)
        for (a, b) in zip(fromFile, expected) {
            #expect(a.channel == b.channel && a.key == b.key && a.velocity == b.velocity)
            #expect(abs(a.start - b.start) < 0.001 && abs(a.end - b.end) < 0.001, "\(a) vs \(b)")
        }
        // Program changes: each track sets its channel's program.
        for (i, track) in tracks.dropFirst().enumerated() {
            let programs = (track["events"] as! [[String: Any]]).compactMap { ($0["msg"] as! [String: Any])["program"] as? Int }
            #expect(programs == [Int(timeline.plan.assignments[i].program)])
        }
    }
}
