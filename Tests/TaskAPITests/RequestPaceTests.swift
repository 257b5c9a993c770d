// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import NIOCore
import Testing
@testable import TaskAPI

/// The deadlines a request must keep, computed without a clock.
@Suite struct RequestPaceTests {
    let pace = RequestPace(
        headerTimeout: .seconds(5), requestTimeout: .seconds(15), minBodyBytesPerSecond: 1000, bodyGrace: .seconds(3))
    let start = NIODeadline.uptimeNanoseconds(10_000_000_000)

    @Test func withoutAHeadTheHeaderDeadlineApplies() {
        let due = pace.deadline(waitingSince: start, headAt: nil, bodyBytes: 0)
        #expect(due.at == start + .seconds(5))
        #expect(due.cut == .headLate)
    }

    @Test func aStalledBodyIsDueAfterTheGrace() {
        let due = pace.deadline(waitingSince: start, headAt: start + .seconds(1), bodyBytes: 0)
        #expect(due.at == start + .seconds(4))
        #expect(due.cut == .bodyTooSlow)
    }

    @Test func eachByteEarnsTimeAtTheMinimumRate() {
        let due = pace.deadline(waitingSince: start, headAt: start, bodyBytes: 2500)
        #expect(due.at == start + .milliseconds(5500))
        #expect(due.cut == .bodyTooSlow)
    }

    @Test func aFastBodyIsStillBoundByTheWholeRequestDeadline() {
        let due = pace.deadline(waitingSince: start, headAt: start, bodyBytes: 1_000_000_000)
        #expect(due.at == start + .seconds(15))
        #expect(due.cut == .requestLate)
    }

    @Test func withoutAMinimumRateOnlyTheWholeDeadlineApplies() {
        var unpaced = pace
        unpaced.minBodyBytesPerSecond = 0
        #expect(unpaced.deadline(waitingSince: start, headAt: start, bodyBytes: 0).cut == .requestLate)
    }

    @Test func aRequestTimeoutShorterThanTheHeaderTimeoutWins() {
        var short = pace
        short.requestTimeout = .seconds(2)
        let due = short.deadline(waitingSince: start, headAt: nil, bodyBytes: 0)
        #expect(due.at == start + .seconds(2))
        #expect(due.cut == .requestLate)
    }
}
