// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import AsyncHTTPClient
import Foundation
import MIDITask
import NIOCore
import NIOHTTP1

/// Fetches tasks from the API's record-info endpoint and stores the
/// responses, unchanged, in the library.
///
/// Transient failures (no connection, time-outs, 5xx, 429) are retried per
/// `RetryPolicy`; a pending task is polled when asked to. The key goes into
/// the Authorization header and nowhere else: not in events, errors or logs.
public final class TaskFetcher: Sendable {
    public let baseURL: String
    private let key: APIKey
    private let client: HTTPClient
    private let library: TaskLibrary?

    /// `client` stays owned by the caller, who shuts it down.
    public init(baseURL: String, key: APIKey, client: HTTPClient, library: TaskLibrary?) {
        self.baseURL = baseURL
        self.key = key
        self.client = client
        self.library = library
    }

    /// A client set up for the API: no redirects, so the key cannot follow
    /// one to another host.
    public static func makeClient() -> HTTPClient {
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.decompression = .enabled(limit: .ratio(50))
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Fetches a task until it is complete or failed (or pending, without
    /// `wait`), stores a complete or failed answer, and returns the complete one.
    ///
    /// A failed task is stored, then thrown as `.task(.taskFailed)`.
    public func fetch(_ id: String, options: FetchOptions = FetchOptions(),
                      progress: @Sendable (FetchEvent) -> Void = { _ in }) async throws(TaskAPIError) -> Delivery {
        let clock = ContinuousClock()
        let deadline = clock.now + options.timeout
        let started = clock.now
        var lastPending: String?
        while true {
            let body: [UInt8]
            do {
                body = try await get(id, options: options, deadline: deadline, progress: progress)
            } catch {
                // Out of time while polling: the news is that the task is still pending.
                if let lastPending, case .unreachable(let why) = error, clock.now >= deadline - .milliseconds(1) {
                    throw .stillPending("task \(id) is still not finished after \(seconds(clock.now - started)) "
                        + "(--timeout \(seconds(options.timeout))): \(lastPending); the last poll: \(why)")
                }
                throw error
            }
            let delivery: Delivery
            do {
                delivery = try Delivery.judge(body, origin: .fetch, source: "\(baseURL) task \(id)", fallbackId: id)
            } catch {
                switch error {
                case .notATask(let decoding): throw .task(decoding)
                case .missingTaskId, .badTaskId: throw .api("\(baseURL): the answer for task \(id): \(error)")
                }
            }
            switch delivery.verdict {
            case .complete:
                try await store(delivery)
                return delivery
            case .failed(let details):
                // The decoder puts a top-level `code` first: that is the API refusing
                // the request, not a verdict on the task, so nothing is stored.
                if details.hasPrefix("code ") {
                    throw .api("\(baseURL): the API refused the request for task \(id): \(details)")
                }
                try await store(delivery)
                throw .task(.taskFailed(source: "\(baseURL)", taskId: id, details: details))
            case .pending(let details):
                lastPending = details
                let waited = clock.now - started
                guard options.wait else {
                    throw .stillPending("task \(id) is not finished yet (\(details)); use --wait to poll until it is")
                }
                // A poll that could not finish before the deadline is not worth sending.
                let pause = options.interval * Double.random(in: 0.8...1.2)
                guard clock.now + pause < deadline else {
                    throw .stillPending("task \(id) is still not finished after \(seconds(waited)) "
                        + "(--timeout \(seconds(options.timeout))): \(details)")
                }
                progress(.pending(waited: waited, delay: pause))
                try await sleep(pause)
            }
        }
    }

    private func store(_ delivery: Delivery) async throws(TaskAPIError) {
        guard let library else { return }
        _ = try await library.record(delivery)
    }

    /// One answer with a 2xx status, retrying transient failures.
    private func get(_ id: String, options: FetchOptions, deadline: ContinuousClock.Instant,
                     progress: @Sendable (FetchEvent) -> Void) async throws(TaskAPIError) -> [UInt8] {
        let url = "\(baseURL)/api/v1/midi/record-info?taskId=\(Self.queryEncode(id))"
        let clock = ContinuousClock()
        var attempt = 0
        while true {
            attempt += 1
            let failure: String
            var retryAfter: Duration?
            let remaining = deadline - clock.now
            guard remaining > .zero else {
                throw .unreachable("\(url): no answer before the --timeout ran out")
            }
            let timeout = min(options.requestTimeout, remaining)
            progress(.requesting(url: url, attempt: attempt))
            do {
                var request = HTTPClientRequest(url: url)
                request.headers.add(name: "Authorization", value: "Bearer \(key.secret)")
                request.headers.add(name: "Accept", value: "application/json")
                let response = try await client.execute(request, timeout: .nanoseconds(timeout.nanoseconds))
                let body = try await response.body.collect(upTo: options.maxBodyBytes)
                let bytes = [UInt8](buffer: body)
                let status = Int(response.status.code)
                progress(.answered(status: status, bytes: bytes.count))
                switch status {
                case 200..<300:
                    return bytes
                case 401, 403:
                    throw TaskAPIError.api("\(url): HTTP \(status) \(response.status.reasonPhrase): the API refused the key "
                        + "(check MIDITASK_API_KEY or api_key in the config file)\(Self.excerpt(bytes))")
                case 429, 500...599:
                    failure = "HTTP \(status) \(response.status.reasonPhrase)"
                    retryAfter = RetryAfter.parse(response.headers.first(name: "Retry-After"))
                default:
                    throw TaskAPIError.api("\(url): HTTP \(status) \(response.status.reasonPhrase)\(Self.excerpt(bytes))")
                }
            } catch let error as TaskAPIError {
                throw error
            } catch is NIOTooManyBytesError {
                throw .api("\(url): the answer is larger than \(options.maxBodyBytes) bytes")
            } catch let error as HTTPClientError where Self.isPermanent(error) {
                throw .api("\(url): \(error)")
            } catch let error as HTTPClientError
                        where error == .deadlineExceeded || error == .readTimeout || error == .connectTimeout {
                failure = "no answer within \(seconds(timeout))"
            } catch is CancellationError {
                throw .unreachable("\(url): cancelled")
            } catch {
                failure = "\(error)"
            }
            guard attempt < options.retry.maxAttempts else {
                throw .unreachable("\(url): \(failure) (gave up after \(attempt) attempts)")
            }
            let delay = options.retry.delay(afterAttempt: attempt, retryAfter: retryAfter)
            guard clock.now + delay < deadline else {
                throw .unreachable("\(url): \(failure) (the --timeout ends before the next attempt)")
            }
            progress(.retrying(reason: failure, delay: delay))
            try await sleep(delay)
        }
    }

    private func sleep(_ duration: Duration) async throws(TaskAPIError) {
        do {
            try await Task.sleep(for: duration)
        } catch {
            throw .unreachable("\(baseURL): cancelled")
        }
    }

    private static func isPermanent(_ error: HTTPClientError) -> Bool {
        error == .invalidURL || error == .emptyHost || error == .emptyScheme
            || "\(error)".contains("unsupportedScheme")
    }

    /// The start of an error body, to show what the server said.
    private static func excerpt(_ bytes: [UInt8]) -> String {
        guard !bytes.isEmpty else { return "" }
        let text = String(decoding: bytes.prefix(200), as: UTF8.self)
            .map { $0.isNewline ? " " : String($0) }.joined()
        return ": " + text + (bytes.count > 200 ? "…" : "")
    }

    static func queryEncode(_ id: String) -> String {
        // RFC 3986 unreserved characters only: `alphanumerics` would let
        // non-ASCII letters through unencoded.
        let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        return id.addingPercentEncoding(withAllowedCharacters: allowed) ?? id
    }
}
