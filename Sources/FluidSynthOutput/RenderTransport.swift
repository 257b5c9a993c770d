// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Which part of the song a render covers, and how fast.
///
/// Same meaning as for `play`: `start` and `end` are song times; `tempo`
/// is a speed factor (2 plays twice as fast).
public struct RenderTransport: Sendable, Equatable {
    /// Song time that becomes the first frame, in nanoseconds.
    public var start: Int64
    /// Song time after which nothing new starts, in nanoseconds; nil for the end.
    public var end: Int64?
    /// Speed factor, > 0.
    public var tempo: Double

    public init(start: Int64 = 0, end: Int64? = nil, tempo: Double = 1) {
        precondition(tempo > 0 && tempo.isFinite, "tempo must be a positive factor")
        precondition(start >= 0 && (end ?? start) >= start, "end must not precede start")
        self.start = start
        self.end = end
        self.tempo = tempo
    }

    /// The output frame of a song time: round((t − start) / tempo × rate).
    public func frame(of time: Int64, sampleRate: Double) -> Int64 {
        let seconds = Double(time - start) / 1e9 / tempo
        return Int64((seconds * sampleRate).rounded())
    }
}
