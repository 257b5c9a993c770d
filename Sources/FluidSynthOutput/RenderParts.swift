// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer

/// How a song's events are shared out among synthesizers that render it
/// side by side and are summed.
///
/// Reverb and chorus are linear, so each part carries its own share of
/// them and the shares add up. The sum is not the one synthesizer's output
/// to the bit: measured with FluidR3_GM, two halves of a song rendered
/// apart and added differ from it in scattered 64-frame blocks, at most
/// 1e-3 of full scale, some 60 dB below the music.
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
