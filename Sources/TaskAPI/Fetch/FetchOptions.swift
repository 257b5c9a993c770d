// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How `TaskFetcher` asks for a task.
public struct FetchOptions: Sendable {
    /// Poll while the task is pending, instead of reporting it.
    public var wait = false
    /// The pause between polls (jittered by ±20%); the API advises 10–30 s.
    public var interval: Duration = .seconds(15)
    /// The longest the whole fetch may take, polls and retries included.
    public var timeout: Duration = .seconds(600)
    /// The longest one HTTP request may take.
    public var requestTimeout: Duration = .seconds(30)
    public var retry = RetryPolicy()
    /// A response larger than this is refused.
    public var maxBodyBytes = 512 * 1024 * 1024

    public init() {}
}
