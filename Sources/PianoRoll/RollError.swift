// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Why a piano roll could not be drawn or written.
public enum RollError: Error, CustomStringConvertible, Equatable {
    /// The output name ends in an extension no format has.
    case unknownFormat(path: String)
    /// Cairo refused, with its own status text; `operation` says what was asked.
    case cairo(operation: String, status: String)
    /// Writing the file failed (the `FileOutput.WriteError` text).
    case write(String)

    public var description: String {
        switch self {
        case .unknownFormat(let path):
            "Cannot write \(path) - unknown picture format (use a name ending in "
                + RollFormat.allCases.map { ".\($0.rawValue)" }.joined(separator: ", ") + ")"
        case .cairo(let operation, let status): "Cairo could not \(operation): \(status)"
        case .write(let text): text
        }
    }
}
