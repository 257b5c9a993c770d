// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer

/// What a piano roll shows: the task's instruments in its order, each marked
/// melodic or drums as the channel plan plays it, and a time window.
public struct RollScore: Sendable {
    public struct Part: Sendable {
        public var name: String
        public var isDrum: Bool
        public var notes: [Note]
    }

    public var title: String
    public var parts: [Part]
    /// The end of the last note, in nanoseconds.
    public var duration: Int64
    /// The shown span, in nanoseconds; notes outside it are left out.
    public var start: Int64
    public var end: Int64
    /// Where bars start (nanoseconds), once the tempo is known; drawn as bar lines.
    public var barLines: [Int64] = []

    /// The whole task, or `start`…`end` (nanoseconds) of it. `end` defaults
    /// to the song's end, and at least a second after `start` so that an
    /// empty task still has an axis.
    public init(task: MIDITask, plan: ChannelPlan, start: Int64 = 0, end: Int64? = nil) {
        title = task.taskId ?? "untitled task"
        parts = zip(task.instruments, plan.assignments).map { instrument, assignment in
            Part(name: instrument.name, isDrum: assignment.isDrum, notes: instrument.notes)
        }
        duration = task.duration
        self.start = start
        self.end = end ?? max(task.duration, start + 1_000_000_000)
    }

    /// The notes of a part that sound inside the window.
    func visibleNotes(of part: Part) -> [Note] {
        part.notes.filter { $0.end > start && $0.start < end || $0.start == $0.end && $0.start >= start && $0.start < end }
    }

    /// How many notes the window shows, over all parts.
    public var visibleNoteCount: Int { parts.reduce(0) { $0 + visibleNotes(of: $1).count } }

    /// The lowest and highest melodic key shown, or nil when there is none.
    var melodicRange: ClosedRange<UInt8>? {
        let keys = parts.filter { !$0.isDrum }.flatMap { visibleNotes(of: $0).map(\.pitch) }
        guard let low = keys.min(), let high = keys.max() else { return nil }
        return low...high
    }

    /// The drum keys shown, lowest first.
    var drumKeys: [UInt8] {
        Set(parts.filter(\.isDrum).flatMap { visibleNotes(of: $0).map(\.pitch) }).sorted()
    }
}
