// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import MIDITask

/// A task body arriving in the library, by callback or by fetch, already judged.
public struct Delivery: Sendable {
    public enum Origin: String, Sendable {
        case callback, fetch
    }

    /// What the body says about the task.
    public enum Verdict: Sendable, Equatable {
        case complete(noteCount: Int, instrumentCount: Int, durationNanos: Int64)
        case failed(String)
        case pending(String)
    }

    public var taskId: String
    /// The raw body, stored unchanged.
    public var body: [UInt8]
    public var verdict: Verdict
    public var origin: Origin
    public var at: Date

    public init(taskId: String, body: [UInt8], verdict: Verdict, origin: Origin, at: Date = Date()) {
        self.taskId = taskId
        self.body = body
        self.verdict = verdict
        self.origin = origin
        self.at = at
    }

    /// Judges a body with `TaskDecoder`: a task, a failure or pending report
    /// naming its task id, or the decoder's error for anything else.
    ///
    /// `fallbackId` is the id to use when the body names none (a fetch by id).
    public static func judge(_ body: [UInt8], origin: Origin, source: String,
                             fallbackId: String? = nil) throws(DeliveryError) -> Delivery {
        let verdict: Verdict
        let taskId: String?
        do {
            let task = try TaskDecoder().decode(body, source: source)
            taskId = task.taskId
            verdict = .complete(noteCount: task.noteCount, instrumentCount: task.instruments.count,
                                durationNanos: task.duration)
        } catch {
            switch error {
            case let .taskFailed(_, id, details):
                taskId = id
                verdict = .failed(details)
            case let .taskPending(_, id, details):
                taskId = id
                verdict = .pending(details)
            case .malformedJSON, .notATask, .badNote:
                throw .notATask(error)
            }
        }
        guard let id = taskId ?? fallbackId else { throw .missingTaskId }
        try TaskID.validate(id)
        return Delivery(taskId: id, body: body, verdict: verdict, origin: origin)
    }
}
