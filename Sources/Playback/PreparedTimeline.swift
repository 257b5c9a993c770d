// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer

/// A timeline in the shape the scheduler walks: event times and the wire
/// messages, side by side, built once before playback.
struct PreparedTimeline: Sendable {
    /// Song time of each event, in nanoseconds, ascending.
    let times: [Int64]
    let messages: [MIDIMessage]
    /// The instrument of each event (`TimelineEvent.setupTrack` for set-up and clock).
    let tracks: [UInt16]
    let duration: Int64
    /// How many instruments the tracks index.
    let instrumentCount: Int
    /// Where the MIDI clock's ticks are (empty without a clock track).
    let clockIndices: [Int]

    init(_ timeline: Timeline) {
        times = timeline.events.map(\.time)
        messages = timeline.events.map(\.message)
        tracks = timeline.events.map(\.track)
        duration = timeline.duration
        instrumentCount = timeline.plan.assignments.count
        clockIndices = timeline.events.indices.filter { timeline.events[$0].message.status == MIDIMessage.SystemStatus.clock.rawValue }
    }

    var hasClock: Bool { !clockIndices.isEmpty }

    /// How many clock ticks come before event `index`.
    func clocks(before index: Int) -> Int {
        var low = 0, high = clockIndices.count
        while low < high {
            let mid = (low + high) / 2
            if clockIndices[mid] < index { low = mid + 1 } else { high = mid }
        }
        return low
    }

    var count: Int { times.count }

    /// Index of the first event at or after `time` (`count` if none).
    func firstIndex(atOrAfter time: Int64) -> Int {
        var low = 0
        var high = times.count
        while low < high {
            let mid = (low + high) / 2
            if times[mid] < time { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// Whether event `i` belongs to a range ending at `end`: before it, or at it
    /// when it is a note-off (notes end at the boundary; nothing starts there).
    @inline(__always) func isWithin(_ i: Int, end: Int64) -> Bool {
        let t = times[i]
        if t < end { return true }
        guard t == end else { return false }
        return messages[i].endsNote
    }
}
