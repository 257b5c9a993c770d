// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Why a task could not be read. Every case names where the problem is.
public enum TaskDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The bytes are not JSON; `line` and `column` are 1-based.
    case malformedJSON(source: String, line: Int, column: Int, reason: String)
    /// Valid JSON that is not a task in any of the three shapes, or a field of the wrong type.
    case notATask(source: String, path: String, reason: String)
    /// The API reports the task failed; `details` quotes its code and messages.
    case taskFailed(source: String, taskId: String?, details: String)
    /// The task has not finished yet.
    case taskPending(source: String, taskId: String?, details: String)
    /// A bad note, in `--strict` mode; `path` is its JSON path.
    case badNote(source: String, path: String, reason: String)

    public var description: String {
        switch self {
        case let .malformedJSON(source, line, column, reason):
            return "\(source):\(line):\(column): malformed JSON: \(reason)"
        case let .notATask(source, path, reason):
            return path.isEmpty ? "\(source): \(reason)" : "\(source): \(path): \(reason)"
        case let .taskFailed(source, taskId, details):
            return "\(source): task \(taskId.map { "\($0) " } ?? "")failed: \(details)"
        case let .taskPending(source, taskId, details):
            return "\(source): task \(taskId.map { "\($0) " } ?? "")is not finished yet: \(details)"
        case let .badNote(source, path, reason):
            return "\(source): \(path): \(reason)"
        }
    }
}
