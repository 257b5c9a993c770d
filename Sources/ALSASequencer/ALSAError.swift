// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A failed call into the ALSA library.
///
/// Reads like aplaymidi's messages: "Cannot open sequencer - No such file or directory".
public struct ALSAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was being done, as a verb phrase: "open sequencer", "connect to port 24:0".
    public var operation: String
    /// The library's negative errno.
    public var code: Int32
    /// `snd_strerror(code)`.
    public var reason: String
    /// What the user can do about it, when we know; told after the reason,
    /// because the library's text alone ("No such file or directory") does
    /// not say which file, nor how to get it.
    public var advice: String?

    public init(operation: String, code: Int32, reason: String, advice: String? = nil) {
        self.operation = operation
        self.code = code
        self.reason = reason
        self.advice = advice
    }

    public var description: String {
        "Cannot \(operation) - \(reason)" + (advice.map { " (\($0))" } ?? "")
    }

    /// The same error with `advice` for the user.
    func advising(_ advice: String) -> ALSAError {
        var copy = self
        copy.advice = advice
        return copy
    }
}

/// Returns `result` when it is a success (≥ 0), or throws it as an `ALSAError`.
///
/// The operation is built only on failure, so callers may interpolate freely.
@inline(__always)
@discardableResult
func check(_ result: Int32, _ operation: @autoclosure () -> String) throws(ALSAError) -> Int32 {
    if result >= 0 { return result }
    throw ALSAError(operation: operation(), code: result, reason: LibASound.strerror(result))
}
