// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Why an output could not take a message.
public struct MIDIOutputError: Error, Sendable, CustomStringConvertible {
    /// What was being done, e.g. "send event to 24:0".
    public var operation: String
    /// The library's own words (`snd_strerror`, FluidSynth's message).
    public var reason: String
    /// The destination is gone (unplugged, client exited): playback must end.
    public var deviceGone: Bool

    public init(operation: String, reason: String, deviceGone: Bool = false) {
        self.operation = operation
        self.reason = reason
        self.deviceGone = deviceGone
    }

    public var description: String { "\(operation): \(reason)" }
}
