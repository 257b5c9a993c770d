// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// The longest a render or a playback may last, so that a task with an
/// implausible time (a note ending days later) cannot keep a machine busy
/// for days: checked before any work starts.
public struct LengthLimit: Sendable, Equatable {
    /// Seconds of song, as played (after `--tempo`).
    public var seconds: Double

    public init(seconds: Double) {
        self.seconds = seconds
    }

    /// The part of a song played that would break the limit.
    public struct Exceeded: Error, Sendable, CustomStringConvertible {
        /// The JSON path of the note's end, as the decoder names faults.
        public var path: String
        /// The note's end, in nanoseconds from the song's start.
        public var end: Int64
        /// How long playing would last, in seconds.
        public var length: Double
        public var limit: LengthLimit

        public var description: String {
            "\(path): \(Self.secondsText(end)) s makes the song last \(Self.span(length)), longer than "
                + "the \(Self.span(limit.seconds)) allowed (--max-duration); nothing was done"
        }

        /// Exact decimal seconds of a nanosecond count, without trailing zeros.
        static func secondsText(_ nanos: Int64) -> String {
            let whole = nanos / 1_000_000_000, fraction = nanos % 1_000_000_000
            guard fraction != 0 else { return "\(whole)" }
            var digits = String(fraction)
            digits = String(repeating: "0", count: 9 - digits.count) + digits
            while digits.hasSuffix("0") { digits.removeLast() }
            return "\(whole).\(digits)"
        }

        /// "90 s", "45 min", "1.5 h", "3 days": a span read at a glance.
        static func span(_ seconds: Double) -> String {
            func number(_ v: Double) -> String {
                let tenths = (v * 10).rounded() / 10
                return tenths == tenths.rounded() ? "\(Int(tenths))" : "\(tenths)"
            }
            switch seconds {
            case ..<120: return "\(number(seconds)) s"
            case ..<3_600: return "\(number(seconds / 60)) min"
            case ..<172_800: return "\(number(seconds / 3_600)) h"
            default: return "\(number(seconds / 86_400)) days"
            }
        }
    }

    /// Throws when playing `task` from `start` to `end` (nanoseconds; nil
    /// for the song's own bounds) at `tempo` would outlast the limit,
    /// naming the note that ends last among those not `muted`.
    public func check(_ task: MIDITask, muted: Set<Int> = [], start: Int64? = nil, end: Int64? = nil,
                      tempo: Double = 1) throws(Exceeded) {
        guard let last = task.lastEndingNote(excluding: muted) else { return }
        let noteEnd = task.instruments[last.instrument].notes[last.note].end
        let played = min(end ?? .max, noteEnd) - (start ?? 0)
        let length = Double(max(0, played)) / 1e9 / tempo
        guard length > seconds else { return }
        throw Exceeded(path: task.notePath(instrument: last.instrument, note: last.note) + ".end",
                       end: noteEnd, length: length, limit: self)
    }
}
