// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// How a playback ended.
public enum PlaybackResult: Sendable, CustomStringConvertible {
    /// It reached its end (the song's, or the end offset).
    case finished
    /// `stop()` was called (Ctrl-C, SIGTERM, or the caller).
    case stopped
    /// The output failed; playback ended there, after trying to silence it.
    case failed(MIDIOutputError)

    public var isFinished: Bool { if case .finished = self { true } else { false } }
    public var isStopped: Bool { if case .stopped = self { true } else { false } }
    public var error: MIDIOutputError? { if case .failed(let e) = self { e } else { nil } }

    public var description: String {
        switch self {
        case .finished: "finished"
        case .stopped: "stopped"
        case .failed(let e): "failed: \(e)"
        }
    }
}
