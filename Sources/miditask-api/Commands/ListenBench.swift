// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Foundation
import ListenBenchmarks
import TaskAPI

/// `miditask bench listen`: the callback listener under a burst on loopback.
struct ListenBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Send a burst of signed callbacks (with duplicates) to an in-process listener on loopback.")

    @Option(help: "Deliveries to send (1000–1000000).")
    var deliveries = 10_000

    @Option(help: "Distinct task ids among them.")
    var tasks = 6_000

    @Option(help: "Concurrent connections (1–256).")
    var connections = 32

    @Option(help: "The listener's --max-incomplete-per-peer (all connections come from 127.0.0.1).")
    var maxIncompletePerPeer = CallbackServer.Configuration().maxIncompletePerPeer

    func validate() throws {
        guard (1000...1_000_000).contains(deliveries) else { throw ValidationError("--deliveries must be 1000–1000000") }
        guard (1...deliveries).contains(tasks) else { throw ValidationError("--tasks must be 1–deliveries") }
        guard (1...256).contains(connections) else { throw ValidationError("--connections must be 1–256") }
        guard maxIncompletePerPeer >= 1 else { throw ValidationError("--max-incomplete-per-peer must be at least 1") }
    }

    func run() throws {
        var options = ListenBenchmark.Options()
        options.deliveries = deliveries
        options.tasks = tasks
        options.connections = connections
        options.maxIncompletePerPeer = maxIncompletePerPeer
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("miditask-bench-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let chosen = options
        let report = try runBlocking { try await ListenBenchmark.run(chosen, directory: directory) }
        let statuses = report.answersByStatus.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }
        print(String(format: "deliveries     %d over %d connections in %.2f s", report.deliveries, connections, report.seconds))
        print(String(format: "callbacks/s    %.0f", report.perSecond))
        print(String(format: "answer time    p50 %.2f ms, p99 %.2f ms, max %.2f ms", report.p50, report.p99, report.max))
        print("answers        " + statuses.joined(separator: ", "))
        print("evicted        \(report.connectionsEvicted) connections (per-peer limit \(maxIncompletePerPeer))")
        print("stored         \(report.storedTasks) tasks of \(report.expectedTasks); "
            + "\(report.storedExactlyOnce) stored exactly once with every delivery counted "
            + "(\(report.countedDeliveries) deliveries counted)")
        if report.storedExactlyOnce != report.expectedTasks || report.storedTasks != report.expectedTasks {
            throw ValidationError("the library does not hold every task exactly once")
        }
    }
}
