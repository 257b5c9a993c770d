// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// MIDI clock for devices that follow a tempo (drum machines, arpeggiators,
/// hardware sequencers): start, 24 clocks per quarter note, stop.
///
/// Added to the timeline as system real-time events before playback, so the
/// scheduler interleaves them with the notes on its one thread.
public struct MIDIClockTrack: Sendable {
    /// Quarter notes per minute.
    public var bpm: Double

    public init(bpm: Double) {
        precondition(bpm.isFinite && bpm > 0, "a clock needs a positive tempo")
        self.bpm = bpm
    }

    /// Nanoseconds between two clocks (1/24 of a quarter note).
    public var interval: Double { 60e9 / bpm / 24 }

    /// The timeline with start at 0, clocks from 0 up to its end, and stop at its end
    /// (the duration grows by 1 ns: playback ends there, and only note-offs are
    /// played at the very end).
    ///
    /// Same-time order is `EventOrder`'s: the clock after the channel set-up and
    /// before the notes; the closing Stop is the very last event.
    public func adding(to timeline: Timeline) -> Timeline {
        var clock: [TimelineEvent] = [TimelineEvent(time: 0, message: .system(.start))]
        var n = 0.0
        while true {
            let time = Int64((n * interval).rounded())
            guard time < timeline.duration || (n == 0) else { break }
            clock.append(TimelineEvent(time: time, message: .system(.clock)))
            n += 1
        }
        var merged = timeline
        merged.events = Self.merge(timeline.events, clock)
        merged.events.append(TimelineEvent(time: timeline.duration, message: .system(.stop)))
        merged.duration = timeline.duration + 1
        return merged
    }

    /// The timeline with a clock locked to the song's beats: Start at the
    /// first downbeat (a pickup before it plays unclocked, as a drum machine
    /// would come in on the one), then 24 clocks to every beat of the song's
    /// `TempoMap` — the grid an export's bars and `--quantize` use: one even
    /// tempo for a steady song (the tracked beats' own 10 ms steps would make
    /// a slaved device's tempo wobble), a tempo per bar where it drifts, so
    /// the clock stays in phase — and Stop at the end.
    public static func adding(to timeline: Timeline, lockedTo tempo: TempoEstimate) -> Timeline {
        let map = TempoMap(estimate: tempo, duration: timeline.duration)
        let ticksPerClock = TempoMap.ticksPerBeat / 24
        let first = map.time(atTick: Double(map.firstDownbeatTick))
        var clock: [TimelineEvent] = [TimelineEvent(time: first, message: .system(.start))]
        var tick = map.firstDownbeatTick
        while true {
            let time = map.time(atTick: Double(tick))
            guard time < timeline.duration || clock.count == 1 else { break }
            clock.append(TimelineEvent(time: time, message: .system(.clock)))
            tick += ticksPerClock
        }
        var merged = timeline
        merged.events = merge(timeline.events, clock)
        merged.events.append(TimelineEvent(time: timeline.duration, message: .system(.stop)))
        merged.duration = timeline.duration + 1
        return merged
    }

    /// Merges two sorted event lists in `EventOrder`, the song's first where
    /// ranks are equal.
    static func merge(_ song: [TimelineEvent], _ clock: [TimelineEvent]) -> [TimelineEvent] {
        var out: [TimelineEvent] = []
        out.reserveCapacity(song.count + clock.count + 1)
        var i = 0, j = 0
        while i < song.count || j < clock.count {
            let takeSong = j == clock.count || (i < song.count && !EventOrder.precedes(clock[j], song[i]))
            if takeSong { out.append(song[i]); i += 1 } else { out.append(clock[j]); j += 1 }
        }
        return out
    }
}
