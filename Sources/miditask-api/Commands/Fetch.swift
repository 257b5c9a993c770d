// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Foundation
import TaskAPI

struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch a task from the API by id and store it in the local library.",
        discussion: """
            The key comes from MIDITASK_API_KEY or api_key in $XDG_CONFIG_HOME/miditask/config \
            (mode 0600); the base URL from --base-url, MIDITASK_API_BASE or base_url there.
            """)

    @Argument(help: "The task id.")
    var taskId: String

    @Option(help: "The API's base URL, e.g. https://api.example.com.")
    var baseURL: String?

    @Flag(help: "Poll until the task is finished, instead of reporting it pending.")
    var wait = false

    @Option(help: "Seconds between polls with --wait (jittered by ±20%).")
    var interval: Double = 15

    @Option(help: "Seconds the whole fetch may take, polls and retries included.")
    var timeout: Double = 600

    @Option(help: "The task library folder (default: $MIDITASK_LIBRARY or $XDG_DATA_HOME/miditask).")
    var library: String?

    @Flag(help: "Show each request and answer.")
    var verbose = false

    func validate() throws {
        guard interval >= 1 else { throw ValidationError("--interval must be at least 1 second") }
        guard timeout > 0 else { throw ValidationError("--timeout must be positive") }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let config = try APIConfiguration.load(baseURLOption: baseURL, environment: environment)
        let base = try config.requireBaseURL()
        let key = try config.requireKey()
        let store = try TaskLibrary(directory: LibraryLocation.resolve(option: library, environment: environment))
        var options = FetchOptions()
        options.wait = wait
        options.interval = .milliseconds(Int64(interval * 1000))
        options.timeout = .milliseconds(Int64(timeout * 1000))
        let verbose = verbose
        let id = taskId
        let chosen = options
        let delivery = try runBlocking {
            let client = TaskFetcher.makeClient()
            let fetcher = TaskFetcher(baseURL: base, key: key, client: client, library: store)
            let result: Result<Delivery, TaskAPIError>
            do throws(TaskAPIError) {
                result = .success(try await fetcher.fetch(id, options: chosen) { event in
                    FetchStatus.print(event, verbose: verbose)
                })
            } catch {
                result = .failure(error)
            }
            try? await client.shutdown()
            return try result.get()
        }
        if case let .complete(notes, instruments, duration) = delivery.verdict {
            print("task \(id): complete, \(notes) notes in \(instruments) instruments, "
                + "\(Columns.clock(Double(duration) / 1e9)); stored in \(store.directory)")
        }
    }
}

/// Status lines of a fetch, on standard error.
enum FetchStatus {
    static func print(_ event: FetchEvent, verbose: Bool) {
        switch event {
        case let .requesting(url, attempt):
            if verbose { printError("GET \(url)" + (attempt > 1 ? " (attempt \(attempt))" : "")) }
        case let .answered(status, bytes):
            if verbose { printError("HTTP \(status), \(bytes) bytes") }
        case let .retrying(reason, delay):
            printError("\(reason); retrying in \(format(delay))")
        case let .pending(waited, delay):
            printError("pending after \(format(waited)); next check in \(format(delay))")
        }
    }

    static func format(_ d: Duration) -> String {
        let s = Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
        return String(format: "%.1f s", s)
    }
}
