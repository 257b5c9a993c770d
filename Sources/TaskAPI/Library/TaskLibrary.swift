// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import GRDB

/// The local library of tasks: every body received or fetched, stored
/// unchanged, in one SQLite database.
///
/// The database is in WAL mode with `synchronous = FULL`, so a write that has
/// returned is on disk, and a process killed at any point leaves it readable.
/// Several processes may use one library at once (a listener and `tasks`).
/// Writes from many callers are committed together (see `CommitQueue`).
public final class TaskLibrary: Sendable {
    /// The library folder.
    public let directory: String
    let pool: DatabasePool
    private let commits: CommitQueue

    /// Opens the library in `directory`, creating it (mode 0700) if needed.
    public init(directory: String) throws(TaskAPIError) {
        self.directory = directory
        do {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .library("cannot create the task library \(directory): \(error.localizedDescription)")
        }
        var config = Configuration()
        // Another process (a listener) may hold the write lock for a moment.
        config.busyMode = .timeout(10)
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        let path = directory + "/library.sqlite"
        do {
            pool = try DatabasePool(path: path, configuration: config)
            try Self.migrator.migrate(pool)
        } catch {
            throw .library("cannot open the task library \(path): \(error)")
        }
        commits = CommitQueue(pool: pool)
    }

    private static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("tasks") { db in
            try db.execute(sql: """
                CREATE TABLE task (
                    id TEXT NOT NULL UNIQUE,
                    state TEXT NOT NULL,
                    body BLOB NOT NULL,
                    body_sha256 TEXT NOT NULL,
                    detail TEXT,
                    note_count INTEGER,
                    instrument_count INTEGER,
                    duration_ns INTEGER,
                    received_at REAL,
                    fetched_at REAL,
                    updated_at REAL NOT NULL,
                    deliveries INTEGER NOT NULL DEFAULT 0,
                    failed_deliveries INTEGER NOT NULL DEFAULT 0,
                    differing_deliveries INTEGER NOT NULL DEFAULT 0,
                    handled TEXT
                )
                """)
        }
        return migrator
    }

    // MARK: Writing

    /// Records a delivery; returns once it is committed to disk.
    ///
    /// Idempotent per task id: the first complete body is kept for good, later
    /// ones are only counted; a failure never replaces a complete task.
    public func record(_ delivery: Delivery) async throws(TaskAPIError) -> RecordOutcome {
        do {
            return try await commits.submit(delivery)
        } catch {
            throw .library("cannot store task \(delivery.taskId) in \(directory): \(error)")
        }
    }

    /// Notes what the `--on-complete` action did for a task.
    public func markHandled(_ id: String, _ outcome: String) async throws(TaskAPIError) {
        do {
            try await pool.write { db in
                try db.execute(sql: "UPDATE task SET handled = ? WHERE id = ?", arguments: [outcome, id])
            }
        } catch {
            throw .library("cannot update task \(id) in \(directory): \(error)")
        }
    }

    // MARK: Reading

    /// All stored tasks, oldest first.
    public func list() throws(TaskAPIError) -> [StoredTask] {
        do {
            return try pool.read { db in
                try Row.fetchAll(db, sql: "SELECT \(Self.columns) FROM task ORDER BY coalesce(received_at, fetched_at), rowid")
                    .map(Self.storedTask)
            }
        } catch {
            throw .library("cannot read the task library \(directory): \(error)")
        }
    }

    /// The stored task and its raw body, or nil if the library has no such id.
    public func task(_ id: String) throws(TaskAPIError) -> (info: StoredTask, body: [UInt8])? {
        do {
            return try pool.read { db in
                guard let row = try Row.fetchOne(db, sql: "SELECT \(Self.columns), body FROM task WHERE id = ?",
                                                 arguments: [id]) else { return nil }
                let body: Data = row["body"]
                return (Self.storedTask(row), [UInt8](body))
            }
        } catch {
            throw .library("cannot read task \(id) from \(directory): \(error)")
        }
    }

    /// Complete tasks received by callback whose `--on-complete` action never ran.
    public func unhandledCallbackTasks() throws(TaskAPIError) -> [String] {
        do {
            return try pool.read { db in
                try String.fetchAll(db, sql: """
                    SELECT id FROM task WHERE state = 'complete' AND handled IS NULL AND received_at IS NOT NULL
                    ORDER BY received_at
                    """)
            }
        } catch {
            throw .library("cannot read the task library \(directory): \(error)")
        }
    }

    private static let columns = """
        id, state, received_at, fetched_at, deliveries, failed_deliveries, differing_deliveries,
        note_count, instrument_count, duration_ns, detail, handled
        """

    private static func storedTask(_ row: Row) -> StoredTask {
        let duration: Int64? = row["duration_ns"]
        let received: Double? = row["received_at"]
        let fetched: Double? = row["fetched_at"]
        return StoredTask(
            id: row["id"],
            state: StoredTask.State(rawValue: row["state"]) ?? .failed,
            receivedAt: received.map(Date.init(timeIntervalSince1970:)),
            fetchedAt: fetched.map(Date.init(timeIntervalSince1970:)),
            deliveries: row["deliveries"],
            failedDeliveries: row["failed_deliveries"],
            differingDeliveries: row["differing_deliveries"],
            noteCount: row["note_count"],
            instrumentCount: row["instrument_count"],
            durationSeconds: duration.map { Double($0) / 1e9 },
            detail: row["detail"],
            handled: row["handled"])
    }

    // MARK: One delivery, inside a write transaction

    /// Applies one delivery to the database; called by the commit queue.
    static func apply(_ d: Delivery, _ db: Database) throws -> RecordOutcome {
        let sha = SHA256.hash(data: d.body).map { String(format: "%02x", $0) }.joined()
        let now = d.at.timeIntervalSince1970
        let isCallback = d.origin == .callback
        let failed = if case .failed = d.verdict { 1 } else { 0 }
        let existing = try Row.fetchOne(db, sql: "SELECT state, body_sha256, deliveries FROM task WHERE id = ?",
                                        arguments: [d.taskId])
        guard let existing else {
            try db.execute(sql: """
                INSERT INTO task (id, state, body, body_sha256, detail, note_count, instrument_count, duration_ns,
                                  received_at, fetched_at, updated_at, deliveries, failed_deliveries)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: insertArguments(d, sha: sha, now: now, failed: failed))
            return RecordOutcome(kind: .stored, state: d.verdict.state, deliveries: isCallback ? 1 : 0)
        }
        let oldState = StoredTask.State(rawValue: existing["state"]) ?? .failed
        let oldDeliveries: Int = existing["deliveries"]
        let oldSha: String = existing["body_sha256"]
        let deliveries = oldDeliveries + (isCallback ? 1 : 0)
        let counts = "deliveries = deliveries + \(isCallback ? 1 : 0), failed_deliveries = failed_deliveries + \(failed)"
        let stamp = isCallback ? "received_at = coalesce(received_at, ?)" : "fetched_at = ?"

        if oldState == .complete {
            let differs = d.verdict.state == .complete && oldSha != sha
            try db.execute(sql: """
                UPDATE task SET \(counts), differing_deliveries = differing_deliveries + \(differs ? 1 : 0),
                                \(stamp) WHERE id = ?
                """, arguments: [now, d.taskId])
            let kind: RecordOutcome.Kind = d.verdict.state == .complete ? .duplicate : .failureIgnored
            return RecordOutcome(kind: kind, state: .complete, deliveries: deliveries)
        }
        // Not complete yet: the newest report replaces the old one.
        let (state, detail, notes, instruments, duration) = d.verdict.columns
        try db.execute(sql: """
            UPDATE task SET \(counts), \(stamp), state = ?, body = ?, body_sha256 = ?, detail = ?,
                            note_count = ?, instrument_count = ?, duration_ns = ?, updated_at = ?
            WHERE id = ?
            """, arguments: [now, state, Data(d.body), sha, detail, notes, instruments, duration, now, d.taskId])
        let kind: RecordOutcome.Kind = d.verdict.state == .complete ? .stored : .updated
        return RecordOutcome(kind: kind, state: d.verdict.state, deliveries: deliveries)
    }

    private static func insertArguments(_ d: Delivery, sha: String, now: Double, failed: Int) -> StatementArguments {
        let (state, detail, notes, instruments, duration) = d.verdict.columns
        let isCallback = d.origin == .callback
        return [d.taskId, state, Data(d.body), sha, detail, notes, instruments, duration,
                isCallback ? now : nil, isCallback ? nil : now, now, isCallback ? 1 : 0, failed]
    }
}

extension Delivery.Verdict {
    var state: StoredTask.State {
        switch self {
        case .complete: .complete
        case .failed: .failed
        case .pending: .pending
        }
    }

    /// state, detail, note count, instrument count, duration (ns) as stored.
    var columns: (String, String?, Int?, Int?, Int64?) {
        switch self {
        case let .complete(notes, instruments, duration): ("complete", nil, notes, instruments, duration)
        case let .failed(detail): ("failed", detail, nil, nil, nil)
        case let .pending(detail): ("pending", detail, nil, nil, nil)
        }
    }
}
