// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
@testable import TaskAPI

@Suite struct RetryPolicyTests {
    let policy = RetryPolicy(maxAttempts: 5, baseDelay: .seconds(1), maxDelay: .seconds(8), maxRetryAfter: .seconds(60))

    @Test func backoffDoublesWithJitterUpToTheCap() {
        for attempt in 1...6 {
            let ceiling = min(Duration.seconds(1 << (attempt - 1)), .seconds(8))
            for _ in 0..<50 {
                let d = policy.delay(afterAttempt: attempt, retryAfter: nil)
                #expect(d >= ceiling * 0.5 && d <= ceiling)
            }
        }
    }

    @Test func retryAfterIsObeyedAndCapped() {
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(7)) == .seconds(7))
        #expect(policy.delay(afterAttempt: 1, retryAfter: .seconds(3600)) == .seconds(60))
    }

    @Test func retryAfterHeaderTakesSecondsOrAnHTTPDate() {
        #expect(RetryAfter.parse("120") == .seconds(120))
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryAfter.parse("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == .seconds(30))
        #expect(RetryAfter.parse("soon") == nil)
        #expect(RetryAfter.parse(nil) == nil)
    }
}
