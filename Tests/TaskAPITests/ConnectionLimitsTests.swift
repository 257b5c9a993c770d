// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import Foundation
import Testing
@testable import TaskAPI

/// Clients that never finish a request must not hold the listener: real
/// HTTP on loopback, with raw sockets playing the stalling clients.
@Suite(.serialized) struct ConnectionLimitsTests {
    /// Polls `connections` (without blocking a thread) until the server has
    /// closed each, or `limit` passes; returns when each was seen closed,
    /// measured from its opening (nil: still open).
    static func waitForClosing(_ connections: [RawConnection], within limit: Duration) async throws -> [Duration?] {
        var closedAfter = [Duration?](repeating: nil, count: connections.count)
        let end = ContinuousClock.now + limit
        while ContinuousClock.now < end {
            for (i, connection) in connections.enumerated() where closedAfter[i] == nil {
                if connection.isClosedByPeer() { closedAfter[i] = ContinuousClock.now - connection.opened }
            }
            if closedAfter.allSatisfy({ $0 != nil }) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        return closedAfter
    }

    static func seconds(_ d: Duration) -> String {
        String(format: "%.3f s", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
    }

    @Test func stalledConnectionsDoNotDelayRealDeliveriesAndAreClosedAtTheTimeout() async throws {
        let stalledCount = 400
        let timeout = Duration.seconds(3)
        try await CallbackServerTests.withListener(
            requestTimeout: timeout, maxConnections: 1000, configure: { $0.maxIncompletePerPeer = 1000 }
        ) { listener in
            var stalled: [RawConnection] = []
            for _ in 0..<stalledCount {
                let connection = try RawConnection(port: listener.port)
                try connection.send(stalledRequest())
                stalled.append(connection)
            }
            let lastOpened = stalled.last!.opened

            // Real deliveries, one after another, while all of them stall.
            var took: [Duration] = []
            for n in 0..<20 {
                let start = ContinuousClock.now
                let (status, _) = try await listener.signedPost(CallbackServerTests.body("real-\(n)"))
                took.append(.now - start)
                #expect(status == 200)
            }
            let deliveriesDone = ContinuousClock.now - stalled[0].opened
            #expect(try listener.library.list().count == 20)
            // All answered before the first stalled connection was due to be
            // cut, so the stalled ones cannot have made room for them.
            #expect(deliveriesDone < timeout, "deliveries took until \(Self.seconds(deliveriesDone))")
            // (How long each took is printed below, not bounded: on a loaded
            // machine one may take a second or two, which is no stall's doing.)
            #expect(!stalled.contains { $0.isClosedByPeer() }, "a stalled connection was closed early")

            let closedAfter = try await Self.waitForClosing(stalled, within: timeout + .seconds(10))
            let closed = closedAfter.compactMap { $0 }
            #expect(closed.count == stalledCount, "\(stalledCount - closed.count) stalled connections still open")
            if let first = closed.min(), let last = closed.max() {
                #expect(first >= timeout - .milliseconds(50), "closed after \(Self.seconds(first)), before the timeout")
                #expect(last < timeout + .seconds(3), "closed only after \(Self.seconds(last))")
                print("""
                    stalled-connection test: \(stalledCount) stalled connections opened in \
                    \(Self.seconds(lastOpened - stalled[0].opened)); 20 signed deliveries meanwhile, all 200, \
                    first \(Self.seconds(took[0])), median \(Self.seconds(took.sorted()[10])), slowest \
                    \(Self.seconds(took.max()!)), all done \(Self.seconds(deliveriesDone)) after the first stall; stalled ones \
                    closed \(Self.seconds(first))–\(Self.seconds(last)) after opening (timeout \(Self.seconds(timeout)))
                    """)
            }
            #expect(listener.intake.currentCounts.requestsTimedOut == stalledCount)
            #expect(listener.intake.currentCounts.connectionsRefused == 0)
        }
    }

    @Test func atTheCapTheLongestStalledConnectionsMakeRoomForNewcomers() async throws {
        let cap = 100
        let timeout = Duration.seconds(5)
        try await CallbackServerTests.withListener(
            requestTimeout: timeout, maxConnections: cap, configure: { $0.maxIncompletePerPeer = 1000 }
        ) { listener in
            var all: [RawConnection] = []
            for _ in 0..<(cap + 50) {
                let connection = try RawConnection(port: listener.port)
                try connection.send(stalledRequest())
                all.append(connection)
            }
            let quickly = try await Self.waitForClosing(all, within: .seconds(2))
            let evicted = all.indices.filter { quickly[$0] != nil }
            #expect(evicted.count == 50, "\(evicted.count) closed within 2 s, expected 50 to make room")
            // Two event loops accept, so the order is nearly, not exactly, the
            // order of connecting: the newest fifty are never the ones closed.
            #expect(evicted.allSatisfy { $0 < cap }, "a newcomer was closed: \(evicted.filter { $0 >= cap })")
            #expect(listener.intake.currentCounts.connectionsEvicted == 50)
            #expect(listener.intake.currentCounts.connectionsRefused == 0)

            // A real delivery still gets in while all places are stalled.
            let (status, _) = try await listener.signedPost(CallbackServerTests.body("while-full"))
            #expect(status == 200)
        }
    }

    @Test func aPeerOverItsIncompleteLimitLosesItsOwnOldestNotOthers() async throws {
        try await CallbackServerTests.withListener(configure: { $0.maxIncompletePerPeer = 10 }) { listener in
            var others: [RawConnection] = []
            for _ in 0..<5 {
                let connection = try RawConnection(port: listener.port, source: 2)
                try connection.send(stalledRequest())
                others.append(connection)
            }
            var flood: [RawConnection] = []
            for _ in 0..<20 {
                let connection = try RawConnection(port: listener.port, source: 3)
                try connection.send(stalledRequest())
                flood.append(connection)
            }
            let closed = try await Self.waitForClosing(flood, within: .seconds(1))
            #expect(closed.filter { $0 != nil }.count == 10)
            #expect(!others.contains { $0.isClosedByPeer() }, "another address lost a connection to the flood")
            #expect(listener.intake.currentCounts.connectionsEvicted == 10)
        }
    }

    @Test func aHeadNotWholeWithinTheHeaderTimeoutIsCut() async throws {
        try await CallbackServerTests.withListener(configure: { $0.headerTimeout = .seconds(1) }) { listener in
            let connection = try RawConnection(port: listener.port)
            try connection.send("POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\n")
            let closed = try await Self.waitForClosing([connection], within: .seconds(4))
            let after = try #require(closed[0], "still open after 4 s")
            #expect(after >= .milliseconds(950) && after < .seconds(3), "closed after \(Self.seconds(after))")
            #expect(listener.intake.currentCounts.requestsTimedOut == 1)
        }
    }

    @Test func aBodyUnderTheMinimumRateIsCutAfterTheGrace() async throws {
        try await CallbackServerTests.withListener(configure: {
            $0.minBodyBytesPerSecond = 1000
            $0.bodyGrace = .seconds(1)
        }) { listener in
            let connection = try RawConnection(port: listener.port)
            try connection.send(stalledRequest(declared: 100_000))
            var closedAfter: Duration?
            // Ten bytes every 100 ms: 100 B/s, a tenth of the minimum.
            for _ in 0..<40 {
                try await Task.sleep(for: .milliseconds(100))
                if connection.isClosedByPeer() {
                    closedAfter = .now - connection.opened
                    break
                }
                try? connection.send(String(repeating: " ", count: 10))
            }
            let after = try #require(closedAfter, "still open after 4 s")
            #expect(after >= .milliseconds(950) && after < .seconds(3), "closed after \(Self.seconds(after))")
            #expect(listener.intake.currentCounts.bodiesTooSlow == 1)
        }
    }

    @Test func aBodyAboveTheMinimumRateArrivesWhole() async throws {
        try await CallbackServerTests.withListener(configure: {
            $0.minBodyBytesPerSecond = 1000
            $0.bodyGrace = .seconds(1)
        }) { listener in
            let body = SyntheticTask.callbackBody(id: "paced", notes: 100)
            try #require(body.count > 4000, "the body must take seconds at 2,000 B/s")
            let signature = CallbackServerTests.secret.signature(of: body)
            let connection = try RawConnection(port: listener.port)
            try connection.send("POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.count)\r\n"
                + "X-Signature: \(signature)\r\nConnection: close\r\n\r\n")
            // 2,000 B/s, twice the minimum, in 200-byte steps: seconds in all.
            var sent = 0
            while sent < body.count {
                let step = min(200, body.count - sent)
                try connection.send(Array(body[sent..<(sent + step)]))
                sent += step
                try await Task.sleep(for: .milliseconds(100))
            }
            try await Task.sleep(for: .milliseconds(300))
            #expect(try listener.library.task("paced") != nil)
            #expect(listener.intake.currentCounts.bodiesTooSlow == 0)
        }
    }

    @Test func aTricklingRequestIsCutAtTheDeadlineNotKeptAliveByEachByte() async throws {
        let timeout = Duration.seconds(1)
        try await CallbackServerTests.withListener(requestTimeout: timeout) { listener in
            let connection = try RawConnection(port: listener.port)
            try connection.send(stalledRequest())
            var closedAfter: Duration?
            // One more body byte every 100 ms: an idle timer would never fire.
            for _ in 0..<60 {
                try await Task.sleep(for: .milliseconds(100))
                if connection.isClosedByPeer() {
                    closedAfter = .now - connection.opened
                    break
                }
                try? connection.send(" ")
            }
            let after = try #require(closedAfter, "still open after 6 s of trickling")
            #expect(after >= timeout - .milliseconds(50))
            #expect(after < timeout + .seconds(2))
            #expect(listener.intake.currentCounts.requestsTimedOut == 1)
        }
    }

    @Test func eachRequestOnAKeptAliveConnectionHasItsOwnDeadline() async throws {
        // A kept-alive client that sends a request every 400 ms over one
        // connection for 2.5 s, with a 1 s timeout: each request arrives in
        // time, so the connection is never cut in between.
        try await CallbackServerTests.withListener(secret: nil, requestTimeout: .seconds(1)) { listener in
            let connection = try RawConnection(port: listener.port)
            let body = String(decoding: CallbackServerTests.body("kept"), as: UTF8.self)
            for _ in 0..<6 {
                try connection.send("POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: \(body.utf8.count)\r\n\r\n" + body)
                try await Task.sleep(for: .milliseconds(400))
                #expect(!connection.isClosedByPeer())
            }
            #expect(try listener.library.task("kept")?.info.deliveries == 6)
            #expect(listener.intake.currentCounts.requestsTimedOut == 0)
        }
    }
}
