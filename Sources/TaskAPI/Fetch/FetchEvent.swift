// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// What a fetch is doing, for a status line.
public enum FetchEvent: Sendable, Equatable {
    /// An HTTP request goes out (`attempt` counts from 1 for each poll).
    case requesting(url: String, attempt: Int)
    /// The API answered with an HTTP status and this many bytes.
    case answered(status: Int, bytes: Int)
    /// A transient failure; the next attempt follows after `delay`.
    case retrying(reason: String, delay: Duration)
    /// The task is pending; the next poll follows after `delay`.
    case pending(waited: Duration, delay: Duration)
}
