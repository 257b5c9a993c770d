// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Synchronization

/// Messages and the sample each is due at, handed from the scheduler thread
/// (the one writer) to the audio thread (the one reader) without a lock, so
/// that neither ever waits for the other.
final class TimedEventQueue: @unchecked Sendable {
    struct Entry {
        /// On the synth's sample clock: frames since the audio driver started.
        var sample: Int64
        var message: MIDIMessage
    }

    // @unchecked Sendable: the slots are written only by the writer before it
    // publishes them through `tail` (releasing), and read only by the reader
    // after it has seen them there (acquiring); `head` hands them back.
    private let slots: UnsafeMutablePointer<Entry>
    private let capacity: Int
    private let head = Atomic<Int>(0)
    private let tail = Atomic<Int>(0)

    /// Room for `capacity` messages not yet due (a power of two).
    init(capacity: Int = 8192) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "capacity is a power of two")
        self.capacity = capacity
        slots = .allocate(capacity: capacity)
        slots.initialize(repeating: Entry(sample: 0, message: MIDIMessage(status: 0)), count: capacity)
    }

    deinit { slots.deallocate() }

    /// Writer: adds an entry; false when the queue is full.
    func push(_ entry: Entry) -> Bool {
        let t = tail.load(ordering: .relaxed)
        guard t - head.load(ordering: .acquiring) < capacity else { return false }
        slots[t & (capacity - 1)] = entry
        tail.store(t + 1, ordering: .releasing)
        return true
    }

    /// Reader: the oldest entry, if any.
    func first() -> Entry? {
        let h = head.load(ordering: .relaxed)
        guard h != tail.load(ordering: .acquiring) else { return nil }
        return slots[h & (capacity - 1)]
    }

    /// Reader: drops the oldest entry (after `first()` returned it).
    func removeFirst() {
        head.store(head.load(ordering: .relaxed) + 1, ordering: .releasing)
    }
}
