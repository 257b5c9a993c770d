// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A finished MIDI generation task: its instruments and what decoding it
/// had to say.
public struct MIDITask: Sendable {
    /// Which of the API's three JSON shapes the task came in.
    public enum Shape: String, Sendable {
        /// `{task_id, code, msg, data: {state, instruments}}`, POSTed to the user's server.
        case callback
        /// `{code, msg, data: {taskId, midiData: {state, instruments}, successFlag, …}}`.
        case recordInfo
        /// `{state, instruments}`.
        case bare
    }

    public var taskId: String?
    public var state: String?
    public var shape: Shape
    public var instruments: [Instrument]
    /// Human-readable warnings from decoding (skipped notes, clamped velocities).
    public var warnings: [String]
    /// Where each note stood in the JSON; nil for a task built in code.
    public var noteSources: NoteSources?

    public init(taskId: String? = nil, state: String? = "complete", shape: Shape = .bare,
                instruments: [Instrument], warnings: [String] = []) {
        self.taskId = taskId
        self.state = state
        self.shape = shape
        self.instruments = instruments
        self.warnings = warnings
    }

    /// Total number of notes over all instruments.
    public var noteCount: Int { instruments.reduce(0) { $0 + $1.notes.count } }

    /// The JSON path of a note, as the decoder names faults
    /// (`data.instruments[2].notes[41]`); for a task built in code, its
    /// place in `instruments`.
    public func notePath(instrument: Int, note: Int) -> String {
        noteSources?.path(instrument: instrument, note: note) ?? "instruments[\(instrument)].notes[\(note)]"
    }

    /// The note that ends last (the first such, in task order), leaving out
    /// the instruments in `muted`; nil when no note is left.
    public func lastEndingNote(excluding muted: Set<Int> = []) -> (instrument: Int, note: Int)? {
        var found: (instrument: Int, note: Int)?
        var latest = Int64.min
        for (i, instrument) in instruments.enumerated() where !muted.contains(i) {
            for (j, note) in instrument.notes.enumerated() where note.end > latest {
                latest = note.end
                found = (i, j)
            }
        }
        return found
    }

    /// The end of the last note, in nanoseconds (0 for a task with no notes).
    public var duration: Int64 {
        var last: Int64 = 0
        for instrument in instruments {
            for note in instrument.notes where note.end > last { last = note.end }
        }
        return last
    }
}
