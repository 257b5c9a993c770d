// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import Foundation
import Synchronization
import Testing
@testable import TaskAPI

/// A flood of connections that send a request's head and one byte and then
/// stall, kept up for the whole test, while a real signed delivery comes
/// every 100 ms: each must be answered 200 within 1 s and stored once.
/// Loopback only; the flood comes from other 127.x addresses or from the
/// deliveries' own. It takes much of the CPU for about 11 s, so
/// scripts/test.sh runs it on its own, not beside timing-sensitive suites.
@Suite(.serialized) struct FloodTests {
    static let deliveries = 40

    @Test func twoThousandStalledConnectionsFromEightAddressesDoNotLockOutDeliveries() async throws {
        let report = try await Self.flood(connections: 2000, from: Array(2...9))
        #expect(report.evicted > 0, "the flood never reached a limit: it proves nothing")
    }

    @Test func aThousandStalledConnectionsFromTheDeliveriesOwnAddressAreEvictedForThem() async throws {
        let report = try await Self.flood(connections: 1000, from: [1])
        #expect(report.evicted > 0, "the flood never reached a limit: it proves nothing")
    }

    struct Report {
        var evicted: Int
    }

    /// Runs the flood against a listener with the default limits and checks the deliveries.
    static func flood(connections: Int, from sources: [UInt8]) async throws -> Report {
        // Both ends of every connection live in this process.
        let descriptors = OpenFileLimit.raiseToHardLimit()
        let needed = connections + CallbackServer.Configuration().maxConnections + 512
        try #require(descriptors >= needed, "ulimit -n is \(descriptors); the flood needs \(needed) (raise the hard limit)")
        var defaults = CallbackServer.Configuration()
        // MIDITASK_FLOOD_PER_PEER measures another --max-incomplete-per-peer.
        if let asked = ProcessInfo.processInfo.environment["MIDITASK_FLOOD_PER_PEER"].flatMap(Int.init) {
            defaults.maxIncompletePerPeer = asked
        }
        let perPeer = defaults.maxIncompletePerPeer
        return try await CallbackServerTests.withListener(
            requestTimeout: defaults.requestTimeout, maxConnections: defaults.maxConnections,
            configure: { $0.maxIncompletePerPeer = perPeer }
        ) { listener in
            let rssBefore = residentMemory()
            let overflowsBefore = listenOverflows()
            let flood = Flooder(port: listener.port, connections: connections, sources: sources)
            let floodThread = Thread { flood.run() }
            floodThread.start()
            // The flood is at full strength before the first delivery: all
            // opened, and the listener through its accept queue (it holds
            // at most one connection per place, so it evicted the rest).
            let places = min(defaults.maxConnections, defaults.maxIncompletePerPeer * sources.count)
            let absorbed = ContinuousClock.now + .seconds(20)
            while flood.opened.load(ordering: .relaxed) < connections
                    || listener.intake.currentCounts.connectionsEvicted < connections - places,
                  flood.failure() == nil, ContinuousClock.now < absorbed {
                try await Task.sleep(for: .milliseconds(20))
            }
            let burstAbsorbed = ContinuousClock.now - flood.started
            let client = Deliverer(port: listener.port, count: deliveries)
            let clientThread = Thread { client.run() }
            clientThread.start()
            var peakRSS = rssBefore
            while !client.done.load(ordering: .acquiring) {
                peakRSS = max(peakRSS, residentMemory())
                try await Task.sleep(for: .milliseconds(50))
            }
            flood.stop.store(true, ordering: .relaxed)
            while !flood.stopped.load(ordering: .acquiring) { try await Task.sleep(for: .milliseconds(20)) }

            let results = client.results.withLock { $0 }
            let counts = listener.intake.currentCounts
            let slowest = results.map(\.took).max() ?? .zero
            print("""
                flood test (--max-incomplete-per-peer \(perPeer)): \(connections) stalled connections from \(sources.map { "127.0.0.\($0)" }.joined(separator: ", ")), \
                \(flood.opened.load(ordering: .relaxed)) opened in all; \(results.count) deliveries, \
                \(results.filter { $0.status == 200 }.count) answered 200, slowest \(slowest), median \
                \(results.map(\.took).sorted()[results.count / 2]); the first burst absorbed by the listener in \
                \(burstAbsorbed); listener: \
                \(counts.connectionsEvicted) evicted, \(counts.requestsTimedOut) timed out, \(counts.bodiesTooSlow) too slow, \
                \(counts.connectionsRefused) refused; accept queue overflows \(listenOverflows() - overflowsBefore) \
                (all of this machine's loopback); resident memory \(rssBefore / 1_048_576) MB before, \
                peak \(peakRSS / 1_048_576) MB (test process: listener and clients)
                """)
            #expect(flood.failure() == nil, "\(flood.failure() ?? "")")
            #expect(results.count == deliveries)
            for (n, result) in results.enumerated() {
                #expect(result.status == 200, "delivery \(n): \(result.error ?? "status \(result.status)")")
                #expect(result.took < .seconds(1), "delivery \(n) took \(result.took)")
            }
            let stored = try listener.library.list()
            #expect(stored.count == deliveries)
            #expect(stored.allSatisfy { $0.deliveries == 1 })
            // Bounded: a few hundred places of small buffers, not the flood's size.
            #expect(peakRSS - rssBefore < 200 * 1_048_576, "memory grew by \((peakRSS - rssBefore) / 1_048_576) MB")
            return Report(evicted: counts.connectionsEvicted)
        }
    }
}

/// Opens `connections` stalled connections at once, round-robin over the
/// source addresses, then keeps the flood up by opening a new one for each
/// the listener closes, up to `renewalsPerSecond` (the issue's attacker
/// renewed its connections every 15 s; this one renews faster). Bounded,
/// so the machine's other work and the test's length are too.
private final class Flooder: Sendable {
    let port: Int
    let connections: Int
    let sources: [UInt8]
    static let renewalsPerSecond = 500
    let opened = Atomic<Int>(0)
    let started = ContinuousClock.now
    let stop = Atomic<Bool>(false)
    let stopped = Atomic<Bool>(false)
    private let firstFailure = Mutex<String?>(nil)

    init(port: Int, connections: Int, sources: [UInt8]) {
        self.port = port
        self.connections = connections
        self.sources = sources
    }

    func failure() -> String? { firstFailure.withLock { $0 } }

    func run() {
        defer { stopped.store(true, ordering: .releasing) }
        var open: [RawConnection?] = Array(repeating: nil, count: connections)
        let request = stalledRequest(declared: 100_000)
        var initial = true
        while !stop.load(ordering: .relaxed) {
            // One sweep every 20 ms: a fiftieth of a second's renewals each, after the first.
            var budget = initial ? connections : Self.renewalsPerSecond / 50
            initial = false
            // One poll for all, rather than a read per connection.
            var polled = open.map { pollfd(fd: $0?.descriptor ?? -1, events: Int16(POLLIN), revents: 0) }
            _ = poll(&polled, nfds_t(polled.count), 0)
            for i in open.indices where open[i] == nil || (polled[i].revents != 0 && open[i]!.isClosedByPeer()) {
                if stop.load(ordering: .relaxed) || budget == 0 { break }
                budget -= 1
                open[i] = nil
                do {
                    let connection = try RawConnection(port: port, source: sources[i % sources.count])
                    // A send refused because the listener already closed it is part of the game.
                    try? connection.send(request)
                    open[i] = connection
                    opened.add(1, ordering: .relaxed)
                } catch {
                    firstFailure.withLock { $0 = $0 ?? "\(error)" }
                    return
                }
            }
            Thread.sleep(forTimeInterval: 0.02)
        }
    }
}

/// One signed delivery every 100 ms from 127.0.0.1, each on a connection
/// of its own (as the API's retries would), timed from connect to answer.
private final class Deliverer: Sendable {
    struct Result {
        var status: Int
        var took: Duration
        var error: String?
    }

    let port: Int
    let count: Int
    let results = Mutex<[Result]>([])
    let done = Atomic<Bool>(false)

    init(port: Int, count: Int) {
        self.port = port
        self.count = count
    }

    func run() {
        defer { done.store(true, ordering: .releasing) }
        let start = ContinuousClock.now
        for n in 0..<count {
            let body = SyntheticTask.callbackBody(id: "real-\(n)", notes: 16)
            let head = "POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: \(body.count)\r\nX-Signature: \(CallbackServerTests.secret.signature(of: body))\r\n"
                + "Connection: close\r\n\r\n"
            let began = ContinuousClock.now
            var result = Result(status: 0, took: .zero)
            do {
                let connection = try RawConnection(port: port)
                try connection.send(Array(head.utf8) + body)
                let answer = String(decoding: try connection.receiveUntilClosed(within: .seconds(5)), as: UTF8.self)
                result.status = answer.split(separator: " ", maxSplits: 2).dropFirst().first.flatMap { Int($0) } ?? -1
            } catch {
                result.error = "\(error)"
            }
            result.took = .now - began
            results.withLock { $0.append(result) }
            let next = start + .milliseconds(100 * (n + 1))
            let wait = next - .now
            if wait > .zero {
                Thread.sleep(forTimeInterval: Double(wait.components.seconds) + Double(wait.components.attoseconds) / 1e18)
            }
        }
    }
}

/// How many times a listening socket's accept queue overflowed (a SYN
/// dropped, to be retried by the client a second later), from /proc/net/netstat.
private func listenOverflows() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/net/netstat", encoding: .utf8) else { return 0 }
    let lines = text.split(separator: "\n")
    for (names, values) in zip(lines, lines.dropFirst()) where names.hasPrefix("TcpExt:") && values.hasPrefix("TcpExt:") {
        let pairs = zip(names.split(separator: " "), values.split(separator: " "))
        return pairs.first { $0.0 == "ListenOverflows" }.flatMap { Int($0.1) } ?? 0
    }
    return 0
}

/// The process's resident memory in bytes, from /proc/self/statm.
private func residentMemory() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = text.split(separator: " ").dropFirst().first.flatMap { Int($0) } ?? 0
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}
