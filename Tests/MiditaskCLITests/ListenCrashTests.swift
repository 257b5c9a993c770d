// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import AsyncHTTPClient
import Foundation
import Testing
import TaskAPI

/// The built `miditask listen` killed with SIGKILL in the middle of a burst,
/// then restarted: every acknowledged delivery must be in a readable store.
@Suite(.serialized) struct ListenCrashTests {
    @Test func killedMidBurstLosesNoAcknowledgedDelivery() async throws {
        let folder = try TemporaryFolder()
        let library = folder.path("library")
        let first = try await ListenerProcess.start(library: library)
        let acknowledged = Locked<Set<String>>([])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let killAfter = 400

        // 16 senders, each with its own ids; the first one to see `killAfter`
        // acknowledgements kills the listener while the others keep sending.
        await withTaskGroup(of: Void.self) { group in
            for sender in 0..<16 {
                group.addTask {
                    for n in 0..<2000 {
                        let id = "crash-\(sender)-\(n)"
                        guard let status = try? await first.send(client, id: id), status == 200 else { return }
                        let count = acknowledged.withLock { $0.insert(id); return $0.count }
                        if count == killAfter { first.command.signal(SIGKILL) }
                    }
                }
            }
        }
        let killed = try await first.command.finished()
        #expect(first.command.process.terminationReason == .uncaughtSignal)
        #expect(killed.status == SIGKILL)
        let acked = acknowledged.withLock { $0 }
        #expect(acked.count >= killAfter)

        // The store opens and holds every acknowledged task, body intact.
        do {
            let store = try TaskLibrary(directory: library)
            let stored = Dictionary(uniqueKeysWithValues: try store.list().map { ($0.id, $0) })
            let missing = acked.filter { stored[$0] == nil }
            #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(5))")
            for id in acked.sorted().prefix(50) {
                #expect(try store.task(id)?.body == SyntheticTask.callbackBody(id: id, notes: 8))
            }
        }

        // A restarted listener serves the same library: resent tasks are duplicates.
        let second = try await ListenerProcess.start(library: library)
        let resend = acked.sorted().prefix(20)
        for id in resend { #expect(try await second.send(client, id: id) == 200) }
        #expect(try await second.send(client, id: "after-restart") == 200)
        second.command.signal(SIGTERM)
        #expect(try await second.command.finished().status == 0)
        try await client.shutdown()

        let store = try TaskLibrary(directory: library)
        for id in resend { #expect(try store.task(id)?.info.deliveries == 2) }
        #expect(try store.task("after-restart") != nil)
    }
}
