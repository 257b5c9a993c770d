// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// One message at a time of the song, and the instrument it belongs to.
///
/// 16 bytes, no references: a timeline of millions of events is one flat
/// array that the scheduler walks without allocating.
public struct TimelineEvent: Sendable, Hashable {
    /// Nanoseconds from the start of the song.
    public var time: Int64
    public var message: MIDIMessage
    /// Index of the instrument the event belongs to (its track in a MIDI
    /// file), or `TimelineEvent.setupTrack` for channel set-up and clock.
    public var track: UInt16

    public static let setupTrack: UInt16 = .max

    public init(time: Int64, message: MIDIMessage, track: UInt16 = TimelineEvent.setupTrack) {
        self.time = time
        self.message = message
        self.track = track
    }
}
