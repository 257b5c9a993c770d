// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Foundation
import TaskAPI

struct Tasks: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the tasks in the local library.")

    @Flag(help: "Print a JSON array instead of a table.")
    var json = false

    @Option(help: "The task library folder (default: $MIDITASK_LIBRARY or $XDG_DATA_HOME/miditask).")
    var library: String?

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let store = try TaskLibrary(directory: LibraryLocation.resolve(option: library, environment: environment))
        let tasks = try store.list()
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(tasks), as: UTF8.self))
            return
        }
        if tasks.isEmpty {
            print("no tasks in \(store.directory)")
            return
        }
        print(TasksText.render(tasks))
    }
}

/// The table of `miditask tasks`.
enum TasksText {
    static func render(_ tasks: [StoredTask]) -> String {
        let formatter = ISO8601DateFormatter()
        let idWidth = min(40, max(7, tasks.map(\.id.count).max() ?? 0))
        var lines = [Columns.pad("TASK ID", idWidth) + "  STATE     RECEIVED/FETCHED (UTC)  NOTES  DURATION   DELIVERIES"]
        for t in tasks {
            let when = (t.receivedAt ?? t.fetchedAt).map { formatter.string(from: $0) } ?? "-"
            let notes = t.noteCount.map(String.init) ?? "-"
            let duration = t.durationSeconds.map(Columns.clock) ?? "-"
            var line = Columns.pad(t.id, idWidth) + "  " + Columns.pad(t.state.rawValue, 8) + "  "
                + Columns.pad(when, 22) + "  " + Columns.pad(notes, 5, right: true) + "  "
                + Columns.pad(duration, 9, right: true) + "  " + Columns.pad("\(t.deliveries)", 10, right: true)
            if t.failedDeliveries > 0 { line += "  (\(t.failedDeliveries) failed)" }
            if let detail = t.detail, t.state != .complete { line += "  \(detail)" }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }
}
