// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// What recording a delivery did.
public struct RecordOutcome: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        /// The body was stored: the task is new, or this is its first complete body.
        case stored
        /// A failure or pending report replaced an earlier one.
        case updated
        /// The task was already complete; this delivery was counted only.
        case duplicate
        /// A failure arrived for a complete task; counted, the task stays complete.
        case failureIgnored
    }

    public var kind: Kind
    /// The task's state after the delivery.
    public var state: StoredTask.State
    /// Callback deliveries of the task so far, this one included.
    public var deliveries: Int

    /// Whether this delivery made the task complete (the moment to run `--on-complete`).
    public var becameComplete: Bool { kind == .stored && state == .complete }
}
