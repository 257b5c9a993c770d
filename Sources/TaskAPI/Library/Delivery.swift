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

/// Why a body was not accepted as a delivery.
public enum DeliveryError: Error, Sendable, CustomStringConvertible {
    /// Malformed JSON, or JSON that is no task in any of the API's shapes.
    case notATask(TaskDecodingError)
    case missingTaskId
    case badTaskId(String)

    public var description: String {
        switch self {
        case .notATask(let error): return error.description
        case .missingTaskId: return "the body names no task_id"
        case .badTaskId(let why): return "unusable task_id: \(why)"
        }
    }
}

/// The rules a task id must follow to be stored.
///
/// An id is only ever a value in the database, never a path; these limits
/// keep it printable and small so it cannot break listings or terminals.
public enum TaskID {
    public static let maxBytes = 256

    public static func validate(_ id: String) throws(DeliveryError) {
        if id.isEmpty { throw .badTaskId("empty") }
        if id.utf8.count > maxBytes { throw .badTaskId("longer than \(maxBytes) bytes") }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw .badTaskId("contains control characters")
        }
    }

    /// Whether the id can be a file name and a command-line argument as it is
    /// (letters, digits, `.`, `_`, `-`; not starting with `.` or `-`).
    public static func isPlain(_ id: String) -> Bool {
        guard let first = id.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-"),
              id.utf8.count <= 128 else { return false }
        return id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }
}
