// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Playback
import Synchronization
import SystemClock

/// An output that keeps what it is sent, for tests of anything that plays.
///
/// Each message is stored with the clock's time when it arrived (if given a
/// clock). Its own `sounding` table follows note-ons and note-offs only —
/// not all-notes-off — so a test sees whether every note got its own note-off.
/// Failures can be injected: after `failAfter` successful sends, every send
/// throws `failure`, and so does every flush once a send has failed.
///
/// With `queued`, it stands for a sequencer queue: a message sent with a due
/// time reaches "the wire" at that time (`wire` lists what did, in the
/// order it arrived), and `retract` takes back what the clock has not reached.
///
/// Safe to read from any thread; read after playback has ended for a stable view.
public final class RecordingOutput: MIDIOutput, @unchecked Sendable {
    // @unchecked: every stored property is either immutable or inside `state`'s lock.

    public struct Entry: Sendable, Hashable {
        public var message: MIDIMessage
        /// When it was sent, or nil without a clock.
        public var time: MonotonicInstant?
        /// When it was due, if it was sent with a due time to a queued recorder.
        public var due: MonotonicInstant?

        public init(message: MIDIMessage, time: MonotonicInstant?, due: MonotonicInstant? = nil) {
            self.message = message
            self.time = time
            self.due = due
        }

        /// When it reached the wire: its due time if it was queued, else when sent.
        public var arrival: MonotonicInstant? { due.map { max($0, time ?? $0) } ?? time }
    }

    private struct State {
        var entries: [Entry] = []
        var attempted: [MIDIMessage] = []
        var sounding = SoundingNotes()
        var flushes = 0
        var failAfter: Int?
        var broken = false
        var due: MonotonicInstant?
        var retractions = 0
    }

    private let clock: (any PlaybackClock)?
    private let failure: MIDIOutputError
    private let state: Mutex<State>
    private let queued: Bool

    public init(clock: (any PlaybackClock)? = nil, failAfter: Int? = nil,
                failure: MIDIOutputError = MIDIOutputError(operation: "send to recorder", reason: "injected failure"),
                queued: Bool = false) {
        self.clock = clock
        self.failure = failure
        self.queued = queued
        state = Mutex(State(failAfter: failAfter))
    }

    /// Makes sends fail from now on (after `sends` more successful ones).
    public func fail(after sends: Int = 0) {
        state.withLock { $0.failAfter = $0.entries.count + sends }
    }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        let time = clock?.now()
        let failed: Bool = state.withLock { s in
            s.attempted.append(message)
            if let limit = s.failAfter, s.entries.count >= limit {
                s.broken = true
                return true
            }
            s.entries.append(Entry(message: message, time: time, due: s.due))
            s.sounding.apply(message)
            return false
        }
        if failed { throw failure }
    }

    public func flush() throws(MIDIOutputError) {
        let failed: Bool = state.withLock { s in
            s.due = nil
            if s.broken { return true }
            s.flushes += 1
            return false
        }
        if failed { throw failure }
    }

    public func setDueTime(_ instant: MonotonicInstant) {
        if queued { state.withLock { $0.due = instant } }
    }

    public var queuesAhead: Bool { queued }

    /// Takes back the queued messages due at or after `from` that the clock has not reached.
    public func retract(from instant: MonotonicInstant) throws(MIDIOutputError) -> MonotonicInstant {
        let now = clock?.now() ?? .distantPast
        state.withLock { s in
            s.retractions += 1
            s.entries.removeAll { entry in
                guard let due = entry.due else { return false }
                return due >= instant && due > now
            }
        }
        return instant
    }

    /// What reached the wire, in the order it arrived (queued messages at their due time).
    public var wire: [Entry] {
        let entries = state.withLock { $0.entries }
        return entries.enumerated().sorted { a, b in
            let x = a.element.arrival?.nanoseconds ?? 0, y = b.element.arrival?.nanoseconds ?? 0
            return x != y ? x < y : a.offset < b.offset
        }.map(\.element)
    }

    /// Notes left sounding by the note-ons and note-offs on the wire, in wire order.
    public var wireSounding: SoundingNotes {
        var notes = SoundingNotes()
        for entry in wire { notes.apply(entry.message) }
        return notes
    }

    /// How many times `retract` was called.
    public var retractionCount: Int { state.withLock { $0.retractions } }

    /// What was delivered, in order.
    public var entries: [Entry] { state.withLock { $0.entries } }
    public var messages: [MIDIMessage] { state.withLock { $0.entries.map(\.message) } }
    /// Everything `send` was called with, including sends that failed.
    public var attempted: [MIDIMessage] { state.withLock { $0.attempted } }
    /// Notes left sounding by the delivered note-ons and note-offs.
    public var sounding: SoundingNotes { state.withLock { $0.sounding } }
    public var flushCount: Int { state.withLock { $0.flushes } }
}
