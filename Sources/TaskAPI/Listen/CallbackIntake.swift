// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Synchronization

/// The listener's logic without HTTP: checks, judges and stores one callback
/// body, and says what to answer.
///
/// The answer is given once the delivery is committed to disk; the
/// `--on-complete` action only gets queued, never awaited.
public final class CallbackIntake: Sendable {
    /// An HTTP status and a small JSON body.
    public struct Answer: Sendable, Equatable {
        public var status: Int
        public var json: String
    }

    /// Counts since start, for the log and the benchmark.
    public struct Counts: Sendable, Equatable {
        public var stored = 0
        public var duplicates = 0
        public var failures = 0
        public var unauthorized = 0
        public var malformed = 0
        public var tooLarge = 0
        public var storeErrors = 0
        /// Connections closed on accept because every place was held by a
        /// request being answered.
        public var connectionsRefused = 0
        /// Connections closed, their request incomplete, to make room for a newcomer.
        public var connectionsEvicted = 0
        /// Connections closed because their request's head or the whole
        /// request did not arrive in time.
        public var requestsTimedOut = 0
        /// Connections closed because their body fell under the minimum rate.
        public var bodiesTooSlow = 0
    }

    public let library: TaskLibrary
    private let secret: CallbackSecret?
    private let rejected: RejectedBodies?
    private let onComplete: OnCompleteRunner?
    private let log: @Sendable (String) -> Void
    private let logEveryDelivery: Bool
    private let counts = Mutex(Counts())

    public init(library: TaskLibrary, secret: CallbackSecret?, rejected: RejectedBodies?,
                onComplete: OnCompleteRunner?, log: @escaping @Sendable (String) -> Void,
                logEveryDelivery: Bool = false) {
        self.logEveryDelivery = logEveryDelivery
        self.library = library
        self.secret = secret
        self.rejected = rejected
        self.onComplete = onComplete
        self.log = log
    }

    public var currentCounts: Counts { counts.withLock { $0 } }

    /// Handles one callback: `signature` is the `X-Signature` header, if any.
    public func receive(body: [UInt8], signature: String?) async -> Answer {
        if let secret, !secret.verify(signature, body: body) {
            count(\.unauthorized)
            return Answer(status: 401, json: JSONText.object([
                ("error", JSONText.quote(signature == nil ? "missing X-Signature" : "wrong X-Signature"))]))
        }
        let delivery: Delivery
        do {
            delivery = try Delivery.judge(body, origin: .callback, source: "callback")
        } catch {
            count(\.malformed)
            let kept = rejected?.keep(body, reason: error.description)
            log("rejected a callback: \(error)" + (kept.map { " (kept as \($0))" } ?? ""))
            return Answer(status: 400, json: JSONText.object([("error", JSONText.quote(error.description))]))
        }
        let outcome: RecordOutcome
        do {
            outcome = try await library.record(delivery)
        } catch {
            count(\.storeErrors)
            log("\(error)")
            // Not acknowledged, so the API sends it again.
            return Answer(status: 500, json: JSONText.object([("error", JSONText.quote("cannot store the task"))]))
        }
        switch outcome.kind {
        case .stored, .updated: count(outcome.state == .failed ? \.failures : \.stored)
        case .duplicate, .failureIgnored: count(\.duplicates)
        }
        if outcome.becameComplete { onComplete?.enqueue(delivery.taskId) }
        let status = switch outcome.kind {
        case .stored, .updated: "stored"
        case .duplicate: "duplicate"
        case .failureIgnored: "ignored: the task is already complete"
        }
        if logEveryDelivery {
            log("task \(JSONText.quote(delivery.taskId)): \(status), \(outcome.state.rawValue), "
                + "delivery \(outcome.deliveries)")
        }
        return Answer(status: 200, json: JSONText.object([
            ("status", JSONText.quote(status)),
            ("task_id", JSONText.quote(delivery.taskId)),
            ("state", JSONText.quote(outcome.state.rawValue)),
            ("deliveries", "\(outcome.deliveries)"),
        ]))
    }

    /// Counts a body refused for its size by the HTTP layer.
    public func tooLarge(limit: Int) -> Answer {
        count(\.tooLarge)
        return Answer(status: 413, json: JSONText.object([("error", JSONText.quote("body larger than \(limit) bytes"))]))
    }

    /// Counts a connection closed on accept, every place being busy.
    func countConnectionRefused() { count(\.connectionsRefused) }

    /// Counts a connection closed to make room for a newcomer.
    func countConnectionEvicted() { count(\.connectionsEvicted) }

    /// Counts a connection closed because its body came too slowly.
    func countBodyTooSlow() { count(\.bodiesTooSlow) }

    /// Counts a connection closed because its request did not arrive in time.
    func countRequestTimedOut() { count(\.requestsTimedOut) }

    private func count(_ field: WritableKeyPath<Counts, Int>) {
        counts.withLock { $0[keyPath: field] += 1 }
    }
}
