// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import GRDB
import Synchronization

/// Commits deliveries in groups: whatever arrives while a transaction is
/// being written goes into the next one, so one disk flush serves many
/// callers and a burst costs a few fsyncs instead of one each.
///
/// Each caller resumes only after the transaction holding its delivery
/// has committed.
final class CommitQueue: Sendable {
    private typealias Waiter = (delivery: Delivery, continuation: CheckedContinuation<RecordOutcome, any Error>)

    private struct State {
        var waiting: [Waiter] = []
        var draining = false
    }

    private let pool: DatabasePool
    private let state = Mutex(State())

    init(pool: DatabasePool) {
        self.pool = pool
    }

    func submit(_ delivery: Delivery) async throws -> RecordOutcome {
        try await withCheckedThrowingContinuation { continuation in
            let startDrain = state.withLock { s in
                s.waiting.append((delivery, continuation))
                if s.draining { return false }
                s.draining = true
                return true
            }
            if startDrain {
                Task { await self.drain() }
            }
        }
    }

    private func drain() async {
        while true {
            let batch: [Waiter] = state.withLock { s in
                if s.waiting.isEmpty {
                    s.draining = false
                    return []
                }
                defer { s.waiting.removeAll(keepingCapacity: true) }
                return s.waiting
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    private func commit(_ batch: [Waiter]) async {
        let deliveries = batch.map(\.delivery)
        do {
            let outcomes = try await pool.write { db in
                try deliveries.map { try TaskLibrary.apply($0, db) }
            }
            for (waiter, outcome) in zip(batch, outcomes) { waiter.continuation.resume(returning: outcome) }
        } catch {
            // One bad delivery must not fail its neighbours: retry each alone.
            if batch.count == 1 {
                batch[0].continuation.resume(throwing: error)
                return
            }
            for waiter in batch {
                do {
                    let delivery = waiter.delivery
                    let outcome = try await pool.write { db in try TaskLibrary.apply(delivery, db) }
                    waiter.continuation.resume(returning: outcome)
                } catch {
                    waiter.continuation.resume(throwing: error)
                }
            }
        }
    }
}
