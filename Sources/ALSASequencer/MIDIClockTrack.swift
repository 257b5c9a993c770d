import Sequencer

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
    /// At equal times the clock goes after the channel set-up and before the
    /// notes (its events carry the set-up track); stop is the last event.
    public func adding(to timeline: Timeline) -> Timeline {
        var clock: [TimelineEvent] = [Self.event(0, 0xFA)]
        var n = 0.0
        while true {
            let time = Int64((n * interval).rounded())
            guard time < timeline.duration || (n == 0) else { break }
            clock.append(Self.event(time, 0xF8))
            n += 1
        }
        var merged = timeline
        merged.events = Self.merge(timeline.events, clock)
        merged.events.append(Self.event(timeline.duration, 0xFC))
        merged.duration = timeline.duration + 1
        return merged
    }

    static func event(_ time: Int64, _ status: UInt8) -> TimelineEvent {
        TimelineEvent(time: time, status: status, data1: 0, data2: 0, track: TimelineEvent.setupTrack)
    }

    /// Merges by time; at equal times, set-up (bank, program, controllers at the
    /// same instant) first, then the clock, then the notes.
    static func merge(_ song: [TimelineEvent], _ clock: [TimelineEvent]) -> [TimelineEvent] {
        var out: [TimelineEvent] = []
        out.reserveCapacity(song.count + clock.count + 1)
        var i = 0, j = 0
        while i < song.count || j < clock.count {
            let takeSong: Bool
            if j == clock.count { takeSong = true }
            else if i == song.count { takeSong = false }
            else if song[i].time != clock[j].time { takeSong = song[i].time < clock[j].time }
            else { takeSong = song[i].kind == .controlChange || song[i].kind == .programChange }
            if takeSong { out.append(song[i]); i += 1 } else { out.append(clock[j]); j += 1 }
        }
        return out
    }
}
