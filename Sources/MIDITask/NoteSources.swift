// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Where the notes of a decoded task stood in its JSON, so that a message
/// can name a note by the same path the decoder uses for faults, such as
/// `data.instruments[2].notes[41]`.
///
/// Indices differ from the model's where the decoder skipped something: a
/// bad instrument shifts the instruments after it, a bad note the notes
/// after it. Kept small: one path per instrument, and only the skipped
/// notes' indices.
public struct NoteSources: Sendable {
    struct Origin: Sendable {
        /// The instrument's own path, e.g. `data.instruments[2]`.
        var path: String
        /// JSON indices of its notes that were skipped, ascending.
        var skippedNotes: [Int]
    }

    /// One per instrument of the task, in the same order.
    var origins: [Origin] = []

    /// The JSON path of the task's note `note` of instrument `instrument`
    /// (indices into `MIDITask.instruments` and its `notes`).
    func path(instrument: Int, note: Int) -> String? {
        guard origins.indices.contains(instrument) else { return nil }
        let origin = origins[instrument]
        var index = note
        for skipped in origin.skippedNotes {
            guard skipped <= index else { break }
            index += 1
        }
        return "\(origin.path).notes[\(index)]"
    }
}

/// Instruments as decoded, with where they came from.
struct DecodedInstruments {
    var instruments: [Instrument] = []
    var sources = NoteSources()
}
