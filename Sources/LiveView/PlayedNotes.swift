// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer

/// The notes as the timeline plays them, per instrument: what the roll
/// draws and the meters count.
///
/// Built from the timeline's note-ons and note-offs (so transposition,
/// overlaps and merges are as heard), sorted by start. Lookups around a
/// time cost a binary search plus the notes found.
public struct PlayedNotes: Sendable {
    public struct Note: Sendable, Hashable {
        public var start: Int64
        public var end: Int64
        public var key: UInt8
        public var velocity: UInt8
    }

    /// By instrument (timeline track), each sorted by start.
    public let instruments: [[Note]]
    /// Which instruments are drum kits.
    public let isDrum: [Bool]
    /// The lowest and highest melodic key, nil without melodic notes.
    public let melodicRange: ClosedRange<UInt8>?
    /// Longest note per instrument: how far back a note can start and still sound.
    private let longest: [Int64]

    public init(timeline: Timeline) {
        let count = timeline.plan.assignments.count
        var notes = [[Note]](repeating: [], count: count)
        // The open note on each channel × key: its start, velocity and instrument.
        var open = [(start: Int64, velocity: UInt8, track: Int)?](repeating: nil, count: 16 * 128)
        for event in timeline.events where Int(event.track) < count {
            let message = event.message
            guard let channel = message.channel else { continue }
            let slot = Int(channel.rawValue) * 128 + Int(message.key & 0x7F)
            if message.startsNote {
                open[slot] = (event.time, message.velocity, Int(event.track))
            } else if message.endsNote, let started = open[slot] {
                notes[started.track].append(Note(start: started.start, end: event.time, key: message.key & 0x7F, velocity: started.velocity))
                open[slot] = nil
            }
        }
        for i in notes.indices { notes[i].sort { ($0.start, $0.key) < ($1.start, $1.key) } }
        instruments = notes
        isDrum = timeline.plan.assignments.map(\.isDrum)
        longest = notes.map { $0.reduce(0) { max($0, $1.end - $1.start) } }
        let melodic = zip(notes, isDrum).filter { !$0.1 }.flatMap { $0.0.map(\.key) }
        melodicRange = melodic.min().map { $0...melodic.max()! }
    }

    /// Calls `body` for each note of `instrument` sounding somewhere in `from..<to`.
    public func forEachNote(of instrument: Int, from: Int64, to: Int64, _ body: (Note) -> Void) {
        let notes = instruments[instrument]
        // The first note starting at or after `to`; those before it may overlap.
        var low = 0, high = notes.count
        while low < high {
            let mid = (low + high) / 2
            if notes[mid].start < to { low = mid + 1 } else { high = mid }
        }
        var i = low - 1
        let earliest = from - longest[instrument]
        while i >= 0, notes[i].start >= earliest {
            if notes[i].end > from { body(notes[i]) }
            i -= 1
        }
    }

    /// How many notes of `instrument` sound at `time`, and the loudest one's velocity.
    public func sounding(_ instrument: Int, at time: Int64) -> (count: Int, loudest: UInt8) {
        var count = 0, loudest: UInt8 = 0
        forEachNote(of: instrument, from: time, to: time + 1) { note in
            count += 1
            loudest = max(loudest, note.velocity)
        }
        return (count, loudest)
    }
}
