// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// What the scheduler handed a queueing output ahead of its due time, in due
/// order, so that a transport change can take it back and hand it again:
/// retimed after a tempo change, without an instrument muted meanwhile, with
/// one made audible again.
///
/// Holds the messages sent and those withheld (a silent instrument's notes,
/// the note-offs they would have had), each with its instrument. Entries
/// whose time has passed are forgotten as playback moves on, so it holds
/// about a window's worth; its storage is reserved up front.
struct HandedAhead {
    struct Entry {
        var due: Int64
        var message: MIDIMessage
        var track: UInt16
        /// False: withheld, not sent (its instrument was silent).
        var sent: Bool
    }

    private var entries: [Entry] = []
    private var head = 0

    init() { entries.reserveCapacity(4096) }

    var isEmpty: Bool { head == entries.count }

    mutating func append(_ entry: Entry) {
        if head > 2048 && head * 2 > entries.count {
            entries.removeFirst(head)
            head = 0
        }
        entries.append(entry)
    }

    /// Forgets entries due before `instant`: they have gone out.
    mutating func forget(before instant: Int64) {
        while head < entries.count && entries[head].due < instant { head += 1 }
        if head == entries.count {
            entries.removeAll(keepingCapacity: true)
            head = 0
        }
    }

    /// The entries due at or after `instant`, taken out (in due order) into `taken`.
    mutating func take(from instant: Int64, into taken: inout [Entry]) {
        taken.removeAll(keepingCapacity: true)
        var first = entries.count
        while first > head && entries[first - 1].due >= instant { first -= 1 }
        taken.append(contentsOf: entries[first...])
        entries.removeSubrange(first...)
    }

    /// Every entry still held, oldest first.
    func forEach(_ body: (Entry) -> Void) {
        for i in head..<entries.count { body(entries[i]) }
    }

    mutating func removeAll() {
        entries.removeAll(keepingCapacity: true)
        head = 0
    }
}
