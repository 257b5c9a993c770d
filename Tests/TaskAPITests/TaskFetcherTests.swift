// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import TaskAPITesting
import AsyncHTTPClient
import Foundation
import Hummingbird
import MIDITask
import Synchronization
import Testing
@testable import TaskAPI

/// The fetcher against a real local HTTP server standing in for the API.
@Suite struct TaskFetcherTests {
    static let key = APIKey("sk-test-0123456789abcdef")

    /// Fast retries and polls, so tests take milliseconds, not minutes.
    static func quickOptions(wait: Bool = false) -> FetchOptions {
        var options = FetchOptions()
        options.wait = wait
        options.interval = .milliseconds(20)
        options.timeout = .seconds(20)
        options.requestTimeout = .seconds(5)
        options.retry = RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(10), maxDelay: .milliseconds(50))
        return options
    }

    /// Fetches `id` from a stand-in answering `replies`; returns the result,
    /// the events seen, the library and the requests the server got.
    static func fetch(_ id: String, replies: [StandInAPI.Reply], options: FetchOptions = quickOptions())
        async throws -> (Result<Delivery, TaskAPIError>, [FetchEvent], TaskLibrary, [StandInAPI.Seen]) {
        let api = StandInAPI(replies)
        let library = try TaskLibrary(directory: temporaryDirectory("fetch"))
        let events = Locked<[FetchEvent]>([])
        let result = try await withRunningServer(api.application) { port in
            let client = TaskFetcher.makeClient()
            let fetcher = TaskFetcher(baseURL: "http://127.0.0.1:\(port)", key: key, client: client, library: library)
            let result: Result<Delivery, TaskAPIError>
            do throws(TaskAPIError) {
                result = .success(try await fetcher.fetch(id, options: options) { e in events.withLock { $0.append(e) } })
            } catch {
                result = .failure(error)
            }
            try await client.shutdown()
            return result
        }
        return (result, events.withLock { $0 }, library, api.requests)
    }

    @Test func completeTaskIsStoredUnchanged() async throws {
        let (result, _, library, seen) = try await Self.fetch("t1", replies: [.init(body: RecordInfo.done("t1"))])
        let delivery = try result.get()
        #expect(delivery.verdict == .complete(noteCount: 3, instrumentCount: 2, durationNanos: 7_911_458_333))
        let stored = try #require(try library.task("t1"))
        #expect(stored.body == Array(RecordInfo.done("t1").utf8))
        #expect(stored.info.state == .complete)
        #expect(stored.info.fetchedAt != nil)
        #expect(seen.first?.authorization == "Bearer \(Self.key.secret)")
        #expect(seen.first?.taskId == "t1")
    }

    @Test func pendingThenDoneIsPolledWithWait() async throws {
        let replies: [StandInAPI.Reply] = [.init(body: RecordInfo.pending("t2")), .init(body: RecordInfo.pending("t2")),
                                           .init(body: RecordInfo.done("t2"))]
        let (result, events, library, seen) = try await Self.fetch("t2", replies: replies, options: Self.quickOptions(wait: true))
        _ = try result.get()
        #expect(seen.count == 3)
        #expect(events.filter { if case .pending = $0 { true } else { false } }.count == 2)
        #expect(try library.task("t2")?.info.state == .complete)
    }

    @Test func pendingWithoutWaitIsReportedAndNotStored() async throws {
        let (result, _, library, _) = try await Self.fetch("t3", replies: [.init(body: RecordInfo.pending("t3"))])
        guard case .failure(.stillPending(let message)) = result else {
            Issue.record("expected stillPending, got \(result)")
            return
        }
        #expect(message.contains("--wait"))
        #expect(try library.task("t3") == nil)
    }

    @Test func pendingPastTheTimeoutIsAnError() async throws {
        var options = Self.quickOptions(wait: true)
        options.timeout = .milliseconds(800)
        let (result, _, _, _) = try await Self.fetch("t4", replies: [.init(body: RecordInfo.pending("t4"))], options: options)
        guard case .failure(.stillPending(let message)) = result else {
            Issue.record("expected stillPending, got \(result)")
            return
        }
        #expect(message.contains("--timeout"))
    }

    @Test(arguments: [2, 3])
    func failedTaskIsStoredAndReportedWithItsErrorCode(flag: Int) async throws {
        let (result, _, library, _) = try await Self.fetch("t5", replies: [.init(body: RecordInfo.failed("t5", flag: flag))])
        guard case .failure(.task(let error)) = result, case .taskFailed(_, let id, let details) = error else {
            Issue.record("expected taskFailed, got \(result)")
            return
        }
        #expect(id == "t5")
        #expect(details.contains("E\(flag)07"))
        #expect(details.contains("separation source not found"))
        #expect(try library.task("t5")?.info.state == .failed)
    }

    @Test func unauthorizedIsAClearErrorWithoutRetries() async throws {
        let (result, _, _, seen) = try await Self.fetch("t6", replies: [.init(status: 401, body: #"{"code":401,"msg":"bad key"}"#)])
        guard case .failure(.api(let message)) = result else {
            Issue.record("expected an API error, got \(result)")
            return
        }
        #expect(message.contains("HTTP 401"))
        #expect(seen.count == 1)
    }

    @Test func bodyCodeOtherThan200IsAnErrorAndNotStored() async throws {
        let (result, _, library, _) = try await Self.fetch("t7", replies: [.init(body: #"{"code":422,"msg":"taskId invalid","data":null}"#)])
        guard case .failure(.api(let message)) = result else {
            Issue.record("expected an API error, got \(result)")
            return
        }
        #expect(message.contains("code 422"))
        #expect(message.contains("taskId invalid"))
        #expect(try library.task("t7") == nil)
    }

    @Test func tooManyRequestsHonoursRetryAfterThenSucceeds() async throws {
        let replies: [StandInAPI.Reply] = [.init(status: 429, body: "slow down", headers: ["Retry-After": "1"]),
                                           .init(body: RecordInfo.done("t8"))]
        let started = ContinuousClock.now
        let (result, events, _, seen) = try await Self.fetch("t8", replies: replies)
        _ = try result.get()
        #expect(ContinuousClock.now - started >= .milliseconds(950))
        #expect(seen.count == 2)
        #expect(events.contains(.retrying(reason: "HTTP 429 Too Many Requests", delay: .seconds(1))))
    }

    @Test func serverErrorsAreRetriedThenSucceed() async throws {
        let replies: [StandInAPI.Reply] = [.init(status: 503, body: "down"), .init(status: 500, body: "oops"),
                                           .init(body: RecordInfo.done("t9"))]
        let (result, _, _, seen) = try await Self.fetch("t9", replies: replies)
        _ = try result.get()
        #expect(seen.count == 3)
    }

    @Test func persistentServerErrorsGiveUpAfterTheAttempts() async throws {
        let (result, _, _, seen) = try await Self.fetch("t10", replies: [.init(status: 502, body: "bad gateway")])
        guard case .failure(.unreachable(let message)) = result else {
            Issue.record("expected unreachable, got \(result)")
            return
        }
        #expect(message.contains("HTTP 502"))
        #expect(message.contains("4 attempts"))
        #expect(seen.count == 4)
    }

    @Test func slowAnswerTimesOutClearly() async throws {
        var options = Self.quickOptions()
        options.requestTimeout = .milliseconds(200)
        options.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10))
        let (result, _, _, _) = try await Self.fetch("t11", replies: [.init(body: RecordInfo.done("t11"), delay: .seconds(2))],
                                                     options: options)
        guard case .failure(.unreachable(let message)) = result else {
            Issue.record("expected unreachable, got \(result)")
            return
        }
        #expect(message.contains("no answer within 0.2 s"))
    }

    @Test func malformedBodyIsAClearError() async throws {
        let (result, _, library, _) = try await Self.fetch("t12", replies: [.init(body: #"{"code":200,"data":{"taskId":"t12","#)])
        guard case .failure(.task(let error)) = result, case .malformedJSON = error else {
            Issue.record("expected malformed JSON, got \(result)")
            return
        }
        #expect(error.description.contains("malformed JSON"))
        #expect(try library.task("t12") == nil)
    }

    @Test func connectionRefusedIsRetriedThenReported() async throws {
        // A port that was just free: bind, note it, close.
        let port = try await withRunningServer(StandInAPI([.init(body: "{}")]).application) { $0 }
        let client = TaskFetcher.makeClient()
        let fetcher = TaskFetcher(baseURL: "http://127.0.0.1:\(port)", key: Self.key, client: client, library: nil)
        var options = Self.quickOptions()
        options.requestTimeout = .seconds(1)
        options.retry = RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(10))
        do {
            _ = try await fetcher.fetch("t13", options: options)
            Issue.record("expected an error")
        } catch {
            guard case .unreachable = error else {
                Issue.record("expected unreachable, got \(error)")
                try await client.shutdown()
                return
            }
            #expect(!error.description.contains(Self.key.secret))
        }
        try await client.shutdown()
    }

    @Test func keyNeverAppearsInErrorsOrEvents() async throws {
        let replies: [StandInAPI.Reply] = [.init(status: 500, body: "x"), .init(status: 401, body: "nope")]
        let (result, events, _, _) = try await Self.fetch("t14", replies: replies)
        guard case .failure(let error) = result else {
            Issue.record("expected an error")
            return
        }
        let texts = [error.description, "\(error)", String(reflecting: error)] + events.map { "\($0)" }
        for text in texts { #expect(!text.contains(Self.key.secret)) }
        #expect("\(Self.key)" == "<redacted>")
    }
}

@Suite struct TaskFetcherQueryTests {
    @Test func taskIdIsPercentEncodedInTheQuery() {
        #expect(TaskFetcher.queryEncode("5c79****be8e") == "5c79%2A%2A%2A%2Abe8e")
        #expect(TaskFetcher.queryEncode("a&b=c é") == "a%26b%3Dc%20%C3%A9")
        #expect(TaskFetcher.queryEncode("plain-id_1.2~") == "plain-id_1.2~")
    }
}
