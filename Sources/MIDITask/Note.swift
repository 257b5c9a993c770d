// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// One note of an instrument, as the task gives it, after validation.
///
/// Times are integer nanoseconds from the start of the song, so that sums and
/// comparisons are exact; `velocity` is the task's 0–1 value, already clamped.
public struct Note: Sendable, Hashable {
    /// MIDI key number, 0–127.
    public var pitch: UInt8
    /// Onset, in nanoseconds from the start of the song.
    public var start: Int64
    /// Release, in nanoseconds; never before `start`.
    public var end: Int64
    /// Loudness, 0–1.
    public var velocity: Double

    public init(pitch: UInt8, start: Int64, end: Int64, velocity: Double) {
        self.pitch = pitch
        self.start = start
        self.end = end
        self.velocity = velocity
    }

    /// The note-on velocity on the wire: round(v × 127), kept within 1…127
    /// because a note-on with velocity 0 means note-off.
    public var midiVelocity: UInt8 {
        let scaled = (velocity * 127).rounded()
        return UInt8(min(127, max(1, scaled.isFinite ? scaled : 1)))
    }
}
