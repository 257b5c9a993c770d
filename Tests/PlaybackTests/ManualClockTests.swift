// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Playback
import PlaybackTesting
import Synchronization
import SystemClock
import Testing

@Test func sleepingJumpsToTheDeadline() {
    let clock = ManualClock()
    clock.sleep(until: .origin + .seconds(2))
    #expect(clock.now() == .origin + .seconds(2))
    // Never backwards.
    clock.sleep(until: .origin + .seconds(1))
    #expect(clock.now() == .origin + .seconds(2))
    let expected: [MonotonicInstant] = [.origin + .seconds(2), .origin + .seconds(1)]
    #expect(clock.preciseSleeps == expected)
}

@Test func actionsRunAtTheirInstantInOrder() {
    let clock = ManualClock()
    let seen = Mutex<[(String, MonotonicInstant)]>([])
    clock.at(.origin + .seconds(2)) { seen.withLock { $0.append(("b", clock.now())) } }
    clock.at(.origin + .seconds(1)) { seen.withLock { $0.append(("a", clock.now())) } }
    clock.at(.origin + .seconds(2)) { seen.withLock { $0.append(("c", clock.now())) } }
    clock.idle(until: .origin + .seconds(5))
    let log = seen.withLock { $0 }
    #expect(log.map(\.0) == ["a", "b", "c"])
    let expected: [MonotonicInstant] = [.origin + .seconds(1), .origin + .seconds(2), .origin + .seconds(2)]
    #expect(log.map(\.1) == expected)
    #expect(clock.now() == .origin + .seconds(5))
}
