// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// What a key asks the live player to do.
public enum LiveCommand: Hashable, Sendable {
    case togglePause
    /// Move by this many seconds (negative: back).
    case seek(by: Double)
    case seekToStart
    /// Change the tempo factor by this much (0.05 is 5 %).
    case tempo(by: Double)
    /// Mute or unmute instrument n (0-based).
    case toggleMute(Int)
    /// Solo instrument n, or clear its solo (0-based).
    case toggleSolo(Int)
    case setLoopStart
    case setLoopEnd
    case toggleLoop
    case toggleHelp
    case quit
}
