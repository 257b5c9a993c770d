// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// Why an operation of the task API failed, in words a user can act on.
///
/// No case ever carries the API key: messages are built from the base URL,
/// the task id, HTTP status lines and the API's own fields only.
public enum TaskAPIError: Error, Sendable, CustomStringConvertible {
    /// The key, the base URL, a config file or the library folder is missing or unusable.
    case configuration(String)
    /// The library's database could not be opened, read or written.
    case library(String)
    /// The API answered, but not with a usable task (HTTP error, malformed body, auth).
    case api(String)
    /// The API could not be reached, or kept failing transiently until the retries ran out.
    case unreachable(String)
    /// The task was still pending when the wait ended (or no wait was asked for).
    case stillPending(String)
    /// The API reports the task failed, or its body is not a task; the decoder's own error.
    case task(TaskDecodingError)

    public var description: String {
        switch self {
        case .configuration(let m), .library(let m), .api(let m), .unreachable(let m), .stillPending(let m):
            return m
        case .task(let error):
            return error.description
        }
    }
}
