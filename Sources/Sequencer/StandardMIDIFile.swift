// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// Writes a timeline as a type-1 Standard MIDI File.
///
/// Track 0 holds the tempo map and time signatures (`TempoMap`: the song's
/// own tempo with its bar lines where the song's are, or the fixed 120 BPM);
/// then one track per instrument, named after it, starting with its
/// channel's bank select and program change. At 960 ticks per quarter note a
/// tick is 0.52 ms at 120 BPM (0.26 ms at 240), so every time lands within
/// half a tick of the task's.
public enum StandardMIDIFile {
    public static let ticksPerQuarter: UInt16 = 960

    /// The file's bytes. `title` names track 0 (the task id, say).
    public static func bytes(for timeline: Timeline, title: String?, tempo: TempoMap = .fixed120) -> [UInt8] {
        let trackCount = timeline.plan.assignments.count
        // Each track opens with its name and its channel's set-up, at tick 0.
        let openings: [[UInt8]] = timeline.plan.assignments.map { assignment in
            var setup = meta(0x03, Array(assignment.name.utf8))
            let ch = assignment.channel
            if !assignment.isDrum {
                setup += [0x00] + wire(.control(ch, .bankSelectMSB, 0))
                setup += [0x00] + wire(.control(ch, .bankSelectLSB, 0))
            }
            return setup + [0x00] + wire(.program(ch, assignment.program))
        }
        var tracks = [[(tick: Int64, message: MIDIMessage)]](repeating: [], count: trackCount)

        // An off and an on of one key landing on the same tick must stay in
        // that order for players that merge tracks in track order: put the
        // off in the on's track.
        var events = timeline.events.filter { $0.track != TimelineEvent.setupTrack }
        var pendingOff = [Int](repeating: -1, count: 16 * 128)
        var ticks = events.map { tempo.ticks($0.time) }
        for i in events.indices {
            let message = events[i].message
            guard let channel = message.channel else { continue }
            let slot = Int(channel.rawValue) * 128 + Int(message.key)
            if message.kind == .noteOff {
                pendingOff[slot] = i
            } else {
                let off = pendingOff[slot]
                if off >= 0, ticks[off] == ticks[i] { events[off].track = events[i].track }
                pendingOff[slot] = -1
            }
        }
        for i in events.indices {
            let e = events[i]
            tracks[Int(e.track)].append((ticks[i], e.message))
        }
        ticks.removeAll()

        var file: [UInt8] = []
        file += Array("MThd".utf8) + be32(6) + be16(1) + be16(UInt16(trackCount + 1)) + be16(ticksPerQuarter)
        var conductor: [UInt8] = []
        conductor += meta(0x03, Array((title ?? "miditask").utf8))
        // Time signatures (n/4, 24 clocks a click, 8 32nds a quarter) and tempos, in tick order.
        var metaEvents: [(tick: Int64, order: Int, type: UInt8, data: [UInt8])] = []
        for signature in tempo.timeSignatures {
            metaEvents.append((signature.tick, 0, 0x58, [UInt8(signature.beats), 2, 24, 8]))
        }
        for change in tempo.tempoChanges {
            let t = change.microsecondsPerBeat
            metaEvents.append((change.tick, 1, 0x51, [UInt8(t >> 16 & 0xFF), UInt8(t >> 8 & 0xFF), UInt8(t & 0xFF)]))
        }
        metaEvents.sort { ($0.tick, $0.order) < ($1.tick, $1.order) }
        var lastMeta: Int64 = 0
        for event in metaEvents {
            conductor += vlq(UInt32(clamping: event.tick - lastMeta)) + [0xFF, event.type] + vlq(UInt32(event.data.count)) + event.data
            lastMeta = event.tick
        }
        conductor += meta(0x2F, [])
        file += chunk("MTrk", conductor)
        for (opening, track) in zip(openings, tracks) {
            var body = opening
            var last: Int64 = 0
            for (tick, message) in track {
                body += vlq(UInt32(clamping: tick - last))
                body += wire(message)
                last = tick
            }
            body += [0x00, 0xFF, 0x2F, 0x00]
            file += chunk("MTrk", body)
        }
        return file
    }

    /// A message's bytes, without running status.
    private static func wire(_ message: MIDIMessage) -> [UInt8] {
        Array([message.status, message.data1, message.data2].prefix(message.length))
    }

    private static func meta(_ type: UInt8, _ data: [UInt8]) -> [UInt8] {
        [0x00, 0xFF, type] + vlq(UInt32(data.count)) + data
    }

    private static func chunk(_ id: String, _ body: [UInt8]) -> [UInt8] {
        Array(id.utf8) + be32(UInt32(body.count)) + body
    }

    static func vlq(_ value: UInt32) -> [UInt8] {
        var v = value
        var out = [UInt8(v & 0x7F)]
        v >>= 7
        while v > 0 {
            out.insert(UInt8(v & 0x7F) | 0x80, at: 0)
            v >>= 7
        }
        return out
    }

    private static func be32(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    private static func be16(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
}
