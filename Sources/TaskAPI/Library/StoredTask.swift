// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// One task of the local library, without its body.
///
/// Times are wall-clock instants for people to read; nothing is scheduled by them.
public struct StoredTask: Sendable, Equatable, Codable {
    /// What the library knows of the task's outcome.
    public enum State: String, Sendable, Codable {
        /// The stored body is a finished task with its notes.
        case complete
        /// The API reported a failure; the body is that report.
        case failed
        /// The API said the task was not finished yet.
        case pending
    }

    /// The API's task id, exactly as sent (any text; never used as a path).
    public var id: String
    public var state: State
    /// The first callback delivery, if any came.
    public var receivedAt: Date?
    /// The last successful fetch from the API, if any.
    public var fetchedAt: Date?
    /// Callback deliveries of this task, duplicates and failures included.
    public var deliveries: Int
    /// Callback deliveries that reported a failure.
    public var failedDeliveries: Int
    /// Later successful deliveries whose body differed from the stored one (kept: the first wins).
    public var differingDeliveries: Int
    public var noteCount: Int?
    public var instrumentCount: Int?
    /// The end of the last note, in seconds.
    public var durationSeconds: Double?
    /// The API's failure or pending details, for a task that is not complete.
    public var detail: String?
    /// What the listener's `--on-complete` action did, once it ran.
    public var handled: String?
}
