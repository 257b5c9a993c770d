// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Synchronization

/// Messages and the sample each is due at, handed from the scheduler thread
/// (the one writer) to an audio thread (the one reader) without a lock, so
/// that neither ever waits for the other. With `AudioClock`, what a backend
/// that places events on its audio callback's frames needs (FluidSynth's
/// audio driver; a JACK MIDI port would be another).
public final class TimedEventQueue<Message: BitwiseCopyable>: @unchecked Sendable {
    public struct Entry {
        /// On the audio clock: frames since the audio callback started.
        public var sample: Int64
        public var message: Message

        @inlinable
        public init(sample: Int64, message: Message) {
            self.sample = sample
            self.message = message
        }
    }

    // @unchecked Sendable: the slots are written only by the writer before it
    // publishes them through `tail` (releasing), and read only by the reader
    // after it has seen them there (acquiring); `head` hands them back.
    // Inlinable, so that the audio thread runs code specialized for its
    // message type rather than generic code through witness tables.
    @usableFromInline let slots: UnsafeMutablePointer<Entry>
    @usableFromInline let capacity: Int
    @usableFromInline let head = Atomic<Int>(0)
    @usableFromInline let tail = Atomic<Int>(0)

    /// Room for `capacity` messages not yet due (a power of two).
    public init(capacity: Int = 8192) {
        precondition(capacity > 0 && capacity & (capacity - 1) == 0, "capacity is a power of two")
        self.capacity = capacity
        // Bitwise-copyable entries: a slot is written before it is ever
        // read, and nothing needs deinitializing.
        slots = .allocate(capacity: capacity)
    }

    deinit { slots.deallocate() }

    /// Writer: adds an entry; false when the queue is full.
    @inlinable
    public func push(_ entry: Entry) -> Bool {
        let t = tail.load(ordering: .relaxed)
        guard t - head.load(ordering: .acquiring) < capacity else { return false }
        slots[t & (capacity - 1)] = entry
        tail.store(t + 1, ordering: .releasing)
        return true
    }

    /// Reader: the oldest entry, if any.
    @inlinable
    public func first() -> Entry? {
        let h = head.load(ordering: .relaxed)
        guard h != tail.load(ordering: .acquiring) else { return nil }
        return slots[h & (capacity - 1)]
    }

    /// Reader: drops the oldest entry (after `first()` returned it).
    @inlinable
    public func removeFirst() {
        head.store(head.load(ordering: .relaxed) + 1, ordering: .releasing)
    }
}
