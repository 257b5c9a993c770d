// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer

/// Which of a song's events each synthesizer plays when a song is rendered:
/// one synthesizer plays them all (the mix), or each of several, side by
/// side, plays one instrument's notes and every message that is not a note,
/// so that its file is that instrument's stem with the song's controllers
/// and programs.
enum RenderParts: Sendable {
    /// One synthesizer plays every event.
    case whole
    /// Part i plays the notes of instrument `instruments[i]` (a timeline
    /// track) and every message that is not a note: a stem each.
    case instruments([Int])

    var count: Int {
        switch self {
        case .whole: 1
        case .instruments(let instruments): instruments.count
        }
    }

    /// Calls `body` with each part that plays `message` of `track`.
    func forEachPart(of message: MIDIMessage, track: UInt16, _ body: (Int) throws(RenderError) -> Void) throws(RenderError) {
        switch self {
        case .whole:
            try body(0)
        case .instruments(let instruments):
            if message.kind == .noteOn || message.kind == .noteOff {
                if let i = instruments.firstIndex(of: Int(track)) { try body(i) }
            } else {
                for i in instruments.indices { try body(i) }
            }
        }
    }
}
