// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock

extension Player {
    /// What part of the song to play and how fast.
    ///
    /// Times are song positions (from the song's start, at tempo 1).
    public struct Options: Sendable {
        /// A section played over and over, without a gap: `start..<end`.
        public struct LoopRange: Sendable, Hashable {
            public var start: TimeAmount
            public var end: TimeAmount

            public init(start: TimeAmount, end: TimeAmount) {
                precondition(start >= .zero, "a loop cannot start before the song")
                precondition(end - start >= Player.Options.minimumLoopLength, "a loop must last at least \(Player.Options.minimumLoopLength)")
                self.start = start
                self.end = end
            }
        }

        /// Playback speed factor: 2 plays twice as fast. Within `tempoRange`.
        public var tempo: Double
        /// Where playback begins; nil: at the loop's start, or the song's.
        public var start: TimeAmount?
        /// Where playback ends; nil: at the song's end. Ignored when looping.
        public var end: TimeAmount?
        /// Played until stopped, once playback reaches it.
        public var loop: LoopRange?
        /// Ask for SCHED_FIFO for the scheduler thread (carrying on without it if refused).
        public var realTimePriority: Bool
        /// How long before its time each event is handed to an output that
        /// queues (`MIDIOutput.queuesAhead`): the output's clock then sends it,
        /// so a late wake-up of the scheduler no longer makes a note late.
        /// Zero, or an output that does not queue: each at its time.
        public var lookahead: TimeAmount

        public static let tempoRange: ClosedRange<Double> = 0.25...4.0
        /// Shorter loops would spend their time silencing and replaying set-up.
        public static let minimumLoopLength = TimeAmount.milliseconds(10)

        public init(tempo: Double = 1, start: TimeAmount? = nil, end: TimeAmount? = nil, loop: LoopRange? = nil,
                    realTimePriority: Bool = true, lookahead: TimeAmount = .zero) {
            precondition(Self.tempoRange.contains(tempo), "tempo \(tempo) outside \(Self.tempoRange)")
            precondition((start ?? .zero) >= .zero, "playback cannot start before the song")
            if let start, let end { precondition(start < end, "playback must start before it ends") }
            self.tempo = tempo
            self.start = start
            self.end = end
            self.loop = loop
            self.realTimePriority = realTimePriority
            precondition(lookahead >= .zero, "a look-ahead cannot be negative")
            self.lookahead = lookahead
        }
    }
}
