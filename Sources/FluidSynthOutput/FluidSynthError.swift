// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A FluidSynth call that failed: what was being done, and why.
///
/// `reason` is FluidSynth's own last error message for the call when it
/// logged one, otherwise a short explanation of ours.
public struct FluidSynthError: Error, Sendable, CustomStringConvertible {
    /// What was being done, e.g. "load SoundFont /x.sf2".
    public var operation: String
    /// FluidSynth's words, or ours when it said nothing.
    public var reason: String

    public init(operation: String, reason: String) {
        self.operation = operation
        self.reason = reason
    }

    /// aplaymidi's shape: "Cannot load SoundFont /x.sf2 - Unable to open file".
    public var description: String {
        reason.isEmpty ? "Cannot \(operation)" : "Cannot \(operation) - \(reason)"
    }
}
