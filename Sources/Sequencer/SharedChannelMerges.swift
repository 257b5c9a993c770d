// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// Counts the notes lost where instruments share a channel and strike one
/// key at the same instant.
///
/// A channel cannot sound one key twice, so the timeline plays notes struck
/// together on one (channel, key) as one note. On a channel of its own an
/// instrument loses only its own doubled notes that way, which sharing does
/// not change; so what is counted here is, in each run of equal starts, the
/// instruments beyond the first — the notes sharing cost.
struct SharedChannelMerges {
    /// Per channel (wire number): does more than one instrument play on it?
    private let shared: [Bool]
    /// Notes lost per channel (wire number).
    private(set) var perChannel = [Int](repeating: 0, count: 16)

    init(plan: ChannelPlan) {
        var instruments = [Int](repeating: 0, count: 16)
        for assignment in plan.assignments { instruments[Int(assignment.channel.rawValue)] += 1 }
        shared = instruments.map { $0 > 1 }
    }

    /// Counts one (channel, key) group: `ordinals` index `notes`, sorted by
    /// start with ties in task order, as the timeline hands them to `EventBuilder.addKey`.
    mutating func count(_ ordinals: UnsafeBufferPointer<UInt32>, notes: UnsafeBufferPointer<FlatNote>,
                        channel: MIDIChannel) {
        guard shared[Int(channel.rawValue)], ordinals.count > 1 else { return }
        var lost = 0
        for k in ordinals.indices.dropFirst() {
            let (previous, note) = (notes[Int(ordinals[k - 1])], notes[Int(ordinals[k])])
            // Task order is instrument order, so within a run the tracks
            // ascend and each change of track is one more instrument.
            if note.start == previous.start && note.track != previous.track { lost += 1 }
        }
        perChannel[Int(channel.rawValue)] += lost
    }

    var total: Int { perChannel.reduce(0, +) }

    /// The warning to give, or nil when nothing was lost.
    var warning: String? {
        let total = total
        guard total > 0 else { return nil }
        let channels = perChannel.indices.filter { perChannel[$0] > 0 }
            .map { "channel \($0 + 1): \(perChannel[$0])" }.joined(separator: ", ")
        return "\(total) note\(total == 1 ? " was" : "s were") merged into another where instruments sharing a "
            + "channel struck the same key at the same instant (\(channels))"
    }
}
