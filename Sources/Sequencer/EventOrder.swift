// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import MIDIWire

/// The one order of events that share a time, used wherever events are merged.
///
/// 1. Channel set-up (bank select, program change, controllers), so notes
///    sound with the right program;
/// 2. system messages (MIDI clock, start, continue, song position), so a
///    slaved device's beat is there before the notes on it;
/// 3. note-offs, so a key released and struck at the same instant sounds again;
/// 4. note-ons;
/// and within each rank, the task's order (instrument, then note). The one
/// exception is the clock track's closing Stop, which follows the song's last
/// note-offs (see `MIDIClockTrack`).
public enum EventOrder {
    /// Rank of a message among events at one time: lower goes first.
    @inline(__always) public static func rank(_ message: MIDIMessage) -> Int {
        switch message.kind {
        case .noteOff: return 2
        case .noteOn: return message.velocity == 0 ? 2 : 3
        case .system: return 1
        default: return 0
        }
    }

    /// Whether `a` goes before `b`: by time, then by rank. Equal ranks keep
    /// the order they come in (callers merge stably).
    @inline(__always) public static func precedes(_ a: TimelineEvent, _ b: TimelineEvent) -> Bool {
        a.time != b.time ? a.time < b.time : rank(a.message) < rank(b.message)
    }
}

/// Collects a timeline's events in `EventOrder`, then sorts them by time
/// with a stable radix sort, so events that share a time keep that order.
///
/// Rather than compare the rules pair by pair, each event is
/// written into a slot that already encodes them — set-up in the order
/// given, note-offs by the position of their note (two slots each), note-ons
/// by the position of their note — and concatenating the slots yields the
/// tie-break order. Sorting is then by time alone.
struct EventBuilder {
    private var setup: [TimelineEvent] = []
    /// Two slots per note: a note can end its key twice (by retriggering it,
    /// then as the last holder). `emptySlot` marks a slot not written.
    private var offs: [TimelineEvent]
    private var ons: [TimelineEvent]

    init(noteCount: Int) {
        let empty = TimelineEvent(time: 0, message: EventBuilder.emptySlot, track: 0)
        offs = [TimelineEvent](repeating: empty, count: 2 * noteCount)
        ons = [TimelineEvent](repeating: empty, count: noteCount)
    }

    /// No real message has status 0.
    static let emptySlot = MIDIMessage(status: 0)

    mutating func addSetup(_ event: TimelineEvent) {
        setup.append(event)
    }

    /// Emits the notes of one (channel, key), applying the overlap rule;
    /// `ordinals` are positions in `notes`, in start order (ties in task
    /// order). Returns the number of note-ons emitted.
    mutating func addKey(_ ordinals: UnsafeBufferPointer<UInt32>, notes: UnsafeBufferPointer<FlatNote>,
                         channel: MIDIChannel, key: UInt8) -> Int {
        var count = 0
        var sounding = false
        var heldEnd: Int64 = 0
        var holder: UInt32 = 0
        var lastOnTime: Int64 = -1
        var lastOn: UInt32 = 0
        for ordinal in ordinals {
            let n = notes[Int(ordinal)]
            let end = max(n.end, n.start + Timeline.minimumNoteLength)
            if sounding && n.start == lastOnTime {
                // Struck together: one note, the louder velocity, the longer end.
                ons[Int(lastOn)].message.data2 = max(ons[Int(lastOn)].message.velocity, n.velocity)
                if end > heldEnd { heldEnd = end; holder = ordinal }
                continue
            }
            if sounding && n.start <= heldEnd {
                // Retrigger. The note-off goes with the new note's track, so a
                // MIDI file player reading track by track keeps off before on.
                offs[2 * Int(ordinal)] = TimelineEvent(time: n.start, message: .noteOff(channel, key: key), track: n.track)
                if end >= heldEnd { heldEnd = end; holder = ordinal }
            } else {
                if sounding { release(holder, at: heldEnd, channel: channel, key: key, notes: notes) }
                sounding = true
                heldEnd = end
                holder = ordinal
            }
            lastOnTime = n.start
            lastOn = ordinal
            ons[Int(ordinal)] = TimelineEvent(time: n.start, message: .noteOn(channel, key: key, velocity: n.velocity),
                                              track: n.track)
            count += 1
        }
        if sounding { release(holder, at: heldEnd, channel: channel, key: key, notes: notes) }
        return count
    }

    private mutating func release(_ holder: UInt32, at time: Int64, channel: MIDIChannel, key: UInt8,
                                  notes: UnsafeBufferPointer<FlatNote>) {
        offs[2 * Int(holder) + 1] = TimelineEvent(time: time, message: .noteOff(channel, key: key),
                                                  track: notes[Int(holder)].track)
    }

    /// All events, sorted by time; ties keep the tie-break order.
    consuming func sorted() -> [TimelineEvent] {
        var events = setup
        events.reserveCapacity(setup.count + ons.count * 2)
        for e in offs where e.message != Self.emptySlot { events.append(e) }
        for e in ons where e.message != Self.emptySlot { events.append(e) }
        offs = []
        ons = []
        RadixSort.sortByTime(&events)
        return events
    }
}

/// A note reduced to what the timeline needs, in one flat array.
struct FlatNote {
    var start: Int64
    var end: Int64
    var velocity: UInt8
    var track: UInt16
}

/// A stable least-significant-digit radix sort of events by time.
enum RadixSort {
    static func sortByTime(_ events: inout [TimelineEvent]) {
        guard events.count > 1 else { return }
        var maxTime: Int64 = 0
        for e in events where e.time > maxTime { maxTime = e.time }
        let bits = 64 - UInt64(maxTime).leadingZeroBitCount
        // 11-bit digits keep the count table (16 KiB) in the first-level cache.
        let digitBits = 11
        let mask: Int64 = (1 << digitBits) - 1
        let passes = (bits + digitBits - 1) / digitBits
        guard passes > 0 else { return }
        var scratch = events
        var counts = [Int](repeating: 0, count: 1 << digitBits)
        for pass in 0..<passes {
            let shift = Int64(pass * digitBits)
            events.withUnsafeBufferPointer { source in
                scratch.withUnsafeMutableBufferPointer { target in
                    counts.withUnsafeMutableBufferPointer { counts in
                        for i in counts.indices { counts[i] = 0 }
                        for e in source { counts[Int((e.time >> shift) & mask)] += 1 }
                        var sum = 0
                        for i in counts.indices {
                            let c = counts[i]
                            counts[i] = sum
                            sum += c
                        }
                        for e in source {
                            let digit = Int((e.time >> shift) & mask)
                            target[counts[digit]] = e
                            counts[digit] += 1
                        }
                    }
                }
            }
            swap(&events, &scratch)
        }
    }
}
