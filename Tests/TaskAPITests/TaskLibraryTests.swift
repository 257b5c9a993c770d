// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import Foundation
import Testing
@testable import TaskAPI

@Suite struct TaskLibraryTests {
    static func callback(_ id: String, notes: Int = 2) -> Delivery {
        let body = SyntheticTask.callbackBody(id: id, notes: notes)
        return try! Delivery.judge(body, origin: .callback, source: "test")
    }

    static func failure(_ id: String) -> Delivery {
        let body = Array(#"{"task_id":"\#(id)","code":500,"msg":"Internal Error","data":null}"#.utf8)
        return try! Delivery.judge(body, origin: .callback, source: "test")
    }

    @Test func firstDeliveryIsStoredWithItsBodyUnchanged() async throws {
        let library = try TaskLibrary(directory: temporaryDirectory())
        let delivery = Self.callback("a")
        let outcome = try await library.record(delivery)
        #expect(outcome == RecordOutcome(kind: .stored, state: .complete, deliveries: 1))
        let stored = try #require(try library.task("a"))
        #expect(stored.body == delivery.body)
        #expect(stored.info.noteCount == 2)
        #expect(stored.info.receivedAt != nil)
    }

    @Test func repeatedDeliveryIsCountedNotStoredAgain() async throws {
        let library = try TaskLibrary(directory: temporaryDirectory())
        _ = try await library.record(Self.callback("b"))
        let second = try await library.record(Self.callback("b"))
        #expect(second.kind == .duplicate)
        #expect(!second.becameComplete)
        #expect(try library.list().map(\.deliveries) == [2])
    }

    @Test func differingLaterBodyIsCountedAndTheFirstKept() async throws {
        let library = try TaskLibrary(directory: temporaryDirectory())
        let first = Self.callback("c", notes: 2)
        _ = try await library.record(first)
        _ = try await library.record(Self.callback("c", notes: 5))
        let stored = try #require(try library.task("c"))
        #expect(stored.body == first.body)
        #expect(stored.info.differingDeliveries == 1)
    }

    @Test func failureDoesNotOverwriteAStoredSuccess() async throws {
        let library = try TaskLibrary(directory: temporaryDirectory())
        let success = Self.callback("d")
        _ = try await library.record(success)
        let outcome = try await library.record(Self.failure("d"))
        #expect(outcome.kind == .failureIgnored)
        let stored = try #require(try library.task("d"))
        #expect(stored.info.state == .complete)
        #expect(stored.body == success.body)
        #expect(stored.info.failedDeliveries == 1)
    }

    @Test func successAfterAFailureReplacesIt() async throws {
        let library = try TaskLibrary(directory: temporaryDirectory())
        let failed = try await library.record(Self.failure("e"))
        #expect(failed.state == .failed)
        #expect(try library.task("e")?.info.detail?.contains("code 500") == true)
        let outcome = try await library.record(Self.callback("e"))
        #expect(outcome.becameComplete)
        #expect(try library.task("e")?.info.state == .complete)
    }

    @Test func concurrentIdenticalDeliveriesAreStoredOnce() async throws {
        let library = try TaskLibrary(directory: temporaryDirectory())
        let delivery = Self.callback("f")
        let outcomes = try await withThrowingTaskGroup(of: RecordOutcome.self) { group in
            for _ in 0..<50 { group.addTask { try await library.record(delivery) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(outcomes.filter(\.becameComplete).count == 1)
        #expect(Set(outcomes.map(\.deliveries)) == Set(1...50))
        #expect(try library.list().count == 1)
        #expect(try library.list().first?.deliveries == 50)
    }

    @Test func hostileIdsAreValuesNotPaths() async throws {
        let directory = temporaryDirectory()
        let library = try TaskLibrary(directory: directory)
        let ids = ["../../etc/passwd", "a/b/c", "/abs", "..", "$(rm -rf x)", String(repeating: "é", count: 128)]
        for id in ids { _ = try await library.record(Self.callback(id)) }
        #expect(Set(try library.list().map(\.id)) == Set(ids))
        for id in ids { #expect(try library.task(id) != nil) }
        let entries = try FileManager.default.contentsOfDirectory(atPath: directory)
        #expect(entries.allSatisfy { $0.hasPrefix("library.sqlite") })
    }

    @Test func storedTasksSurviveReopening() async throws {
        let directory = temporaryDirectory()
        do {
            let library = try TaskLibrary(directory: directory)
            _ = try await library.record(Self.callback("g"))
        }
        let reopened = try TaskLibrary(directory: directory)
        #expect(try reopened.list().map(\.id) == ["g"])
    }

    @Test func handledMarksLeaveOnlyUnhandledCallbackTasks() async throws {
        let library = try TaskLibrary(directory: temporaryDirectory())
        _ = try await library.record(Self.callback("h1"))
        _ = try await library.record(Self.callback("h2"))
        _ = try await library.record(Self.failure("h3"))
        try await library.markHandled("h1", "export ok")
        #expect(try library.unhandledCallbackTasks() == ["h2"])
    }
}
