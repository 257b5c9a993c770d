// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import AsyncHTTPClient
import BenchmarkData
import Benchmarks
import Foundation
import Hummingbird
import Logging
import MIDITask
import NIOCore
import ServiceLifecycle
import Synchronization
import SystemClock
import TaskAPI

/// A load test of the callback listener on loopback: a burst of signed
/// deliveries (with duplicates) from many concurrent connections, timed per
/// answer, then a check that every task was stored exactly once.
public enum ListenBenchmark {
    public struct Options: Sendable {
        public var deliveries = 10_000
        /// Distinct task ids; the other deliveries repeat one of them.
        public var tasks = 6_000
        public var connections = 32
        public var notesPerTask = 16
        /// The listener's limit on incomplete requests from one address
        /// (every benchmark connection comes from 127.0.0.1).
        public var maxIncompletePerPeer = CallbackServer.Configuration().maxIncompletePerPeer

        public init() {}
    }

    public struct Report: Sendable {
        public var deliveries: Int
        public var seconds: Double
        public var answersByStatus: [Int: Int]
        /// Answer times in milliseconds, as the client saw them.
        public var p50: Double
        public var p99: Double
        public var max: Double
        public var storedTasks: Int
        /// Tasks whose first store happened once and whose delivery count matches what was sent.
        public var storedExactlyOnce: Int
        public var countedDeliveries: Int
        public var expectedTasks: Int
        /// Connections the listener closed to make room: none, if its
        /// limits let this many concurrent clients of one address through.
        public var connectionsEvicted: Int

        public var perSecond: Double { Double(deliveries) / seconds }
    }

    /// Runs the benchmark with a fresh library in `directory` (which must be empty or absent).
    public static func run(_ options: Options, directory: String) async throws -> Report {
        precondition(options.tasks >= 1 && options.tasks <= options.deliveries, "tasks must be 1…deliveries")
        let library = try TaskLibrary(directory: directory)
        let secret = CallbackSecret(Array("bench-secret".utf8))
        let intake = CallbackIntake(library: library, secret: secret, rejected: nil, onComplete: nil, log: { _ in })
        var configuration = CallbackServer.Configuration()
        configuration.port = 0
        configuration.maxIncompletePerPeer = options.maxIncompletePerPeer

        // The send plan: each task once, then duplicates, shuffled.
        var order = Array(0..<options.tasks)
        for _ in options.tasks..<options.deliveries { order.append(Int.random(in: 0..<options.tasks)) }
        order.shuffle()
        let plan = order
        var sent = [Int](repeating: 0, count: options.tasks)
        for i in plan { sent[i] += 1 }
        let bodies = (0..<options.tasks).map { SyntheticTask.callbackBody(id: "bench-\($0)", notes: options.notesPerTask) }
        let signatures = bodies.map { secret.signature(of: $0) }

        let port = AsyncStream<Int>.makeStream()
        let app = try CallbackServer.application(configuration, intake: intake) { port.continuation.yield($0) }
        return try await withThrowingTaskGroup(of: Void.self) { group in
            // Stopped gracefully, as SIGTERM stops the listener: a cancelled
            // server logs errors on its way out.
            let services = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "miditask-bench")))
            group.addTask { try await services.run() }
            var ports = port.stream.makeAsyncIterator()
            guard let bound = await ports.next() else { throw TaskAPIError.api("the listener did not start") }
            let url = "http://127.0.0.1:\(bound)\(configuration.path)"

            var clientConfig = HTTPClient.Configuration()
            clientConfig.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = options.connections
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfig)
            let next = Locked(0)
            let start = MonotonicInstant.now()
            let results = try await withThrowingTaskGroup(of: [(Int, Double)].self) { workers in
                for _ in 0..<options.connections {
                    workers.addTask {
                        var mine: [(Int, Double)] = []
                        while true {
                            let index = next.withLock { n in defer { n += 1 }; return n }
                            guard index < plan.count else { return mine }
                            let task = plan[index]
                            var request = HTTPClientRequest(url: url)
                            request.method = .POST
                            request.headers.add(name: "Content-Type", value: "application/json")
                            request.headers.add(name: "X-Signature", value: signatures[task])
                            request.body = .bytes(ByteBuffer(bytes: bodies[task]))
                            let sentAt = MonotonicInstant.now()
                            let response = try await client.execute(request, timeout: .seconds(30))
                            _ = try await response.body.collect(upTo: 1 << 16)
                            let elapsed = MonotonicInstant.now() - sentAt
                            mine.append((Int(response.status.code), milliseconds(elapsed)))
                        }
                    }
                }
                var all: [(Int, Double)] = []
                for try await part in workers { all += part }
                return all
            }
            let elapsed = MonotonicInstant.now() - start
            try await client.shutdown()
            await services.triggerGracefulShutdown()
            try await group.waitForAll()

            let times = results.map(\.1).sorted()
            var byStatus: [Int: Int] = [:]
            for (status, _) in results { byStatus[status, default: 0] += 1 }
            let stored = try library.list()
            var exact = 0
            for task in stored {
                if let n = Int(task.id.dropFirst("bench-".count)), n < sent.count, sent[n] == task.deliveries,
                   task.state == .complete { exact += 1 }
            }
            let firstStores = intake.currentCounts.stored
            return Report(
                deliveries: results.count,
                seconds: milliseconds(elapsed) / 1e3,
                answersByStatus: byStatus,
                p50: times.isEmpty ? 0 : Percentile.of(times, 50), p99: times.isEmpty ? 0 : Percentile.of(times, 99),
                max: times.last ?? 0,
                storedTasks: stored.count,
                storedExactlyOnce: firstStores == options.tasks ? exact : min(exact, firstStores),
                countedDeliveries: stored.reduce(0) { $0 + $1.deliveries },
                expectedTasks: options.tasks,
                connectionsEvicted: intake.currentCounts.connectionsEvicted)
        }
    }

    static func milliseconds(_ d: SystemClock.TimeAmount) -> Double { d.seconds * 1e3 }

}
