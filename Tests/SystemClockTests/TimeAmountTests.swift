// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock
import Testing

@Test func secondsFromDoubleRoundToNanoseconds() {
    #expect(TimeAmount.seconds(1.5).nanoseconds == 1_500_000_000)
    #expect(TimeAmount.seconds(0.000_000_000_6).nanoseconds == 1)
}

@Test func additionSaturatesInsteadOfOverflowing() {
    #expect((TimeAmount.nanoseconds(.max) + .seconds(1)).nanoseconds == .max)
    #expect((TimeAmount.nanoseconds(.min) - .seconds(1)).nanoseconds == .min)
    #expect(TimeAmount.seconds(1e300).nanoseconds == .max)
}

@Test func rateScalingDividesAndMultiplies() {
    #expect(TimeAmount.seconds(3).dividedBy(rate: 2) == .milliseconds(1500))
    #expect(TimeAmount.seconds(3).multipliedBy(rate: 0.5) == .milliseconds(1500))
    #expect(TimeAmount.seconds(3).dividedBy(rate: 1) == .seconds(3))
}

@Test func instantMinusInstantIsAnAmount() {
    let a = MonotonicInstant(nanoseconds: 5_000)
    let b = a + .microseconds(3)
    #expect(b - a == .nanoseconds(3_000))
    #expect(a - b == .nanoseconds(-3_000))
    #expect(MonotonicInstant.distantFuture + .seconds(1) == .distantFuture)
}
