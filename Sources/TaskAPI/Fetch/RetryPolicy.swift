// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How transient failures are retried: exponential backoff with full
/// jitter, honouring the server's `Retry-After` within a cap.
public struct RetryPolicy: Sendable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    public var baseDelay: Duration
    public var maxDelay: Duration
    /// The longest `Retry-After` obeyed; a longer one is cut to this.
    public var maxRetryAfter: Duration

    public init(maxAttempts: Int = 5, baseDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(60),
                maxRetryAfter: Duration = .seconds(300)) {
        precondition(maxAttempts >= 1, "at least one attempt")
        self.maxAttempts = maxAttempts
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
        self.maxRetryAfter = maxRetryAfter
    }

    /// The pause after failed attempt `attempt` (1-based): the server's
    /// `Retry-After` if it gave one, otherwise a random share of
    /// `baseDelay · 2^(attempt-1)`, capped at `maxDelay`.
    public func delay(afterAttempt attempt: Int, retryAfter: Duration?) -> Duration {
        if let retryAfter { return min(max(retryAfter, .zero), maxRetryAfter) }
        let ceiling = min(baseDelay * (1 << min(attempt - 1, 20)), maxDelay)
        let fraction = Double.random(in: 0.5...1.0)
        return ceiling * fraction
    }
}
