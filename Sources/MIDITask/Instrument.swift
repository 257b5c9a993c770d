// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// One instrument of a task: a General MIDI name (or a stem name such as
/// "Vocals") and its notes in the order the task lists them.
public struct Instrument: Sendable, Hashable {
    public var name: String
    public var notes: [Note]

    public init(name: String, notes: [Note]) {
        self.name = name
        self.notes = notes
    }
}
