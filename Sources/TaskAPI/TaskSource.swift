// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import AsyncHTTPClient
import Foundation
import MIDITask

/// A task named by its id: found in the library, or fetched from the API
/// when a key is configured.
public enum TaskSource {
    /// Whether a command's SOURCE argument reads as a task id rather than a
    /// path: no slash, not ending in `.json`, not `-`.
    public static func looksLikeTaskId(_ source: String) -> Bool {
        !source.isEmpty && source != "-" && !source.contains("/") && !source.lowercased().hasSuffix(".json")
    }

    /// The task with this id, from the library or else from the API.
    ///
    /// Blocks the calling thread while fetching (see `runBlocking`); meant for
    /// a command's `run()`. `status` gets progress lines for standard error.
    public static func load(id: String, strict: Bool,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            status: @escaping @Sendable (String) -> Void) throws -> MIDITask {
        let library = try TaskLibrary(directory: LibraryLocation.resolve(option: nil, environment: environment))
        if let stored = try library.task(id) {
            return try TaskDecoder(strict: strict).decode(stored.body, source: "library task \(id)")
        }
        let config = try APIConfiguration.load(baseURLOption: nil, environment: environment)
        guard let key = config.key else {
            throw TaskAPIError.configuration(
                "no file or stored task named \(id); set MIDITASK_API_KEY to fetch it")
        }
        let base = try config.requireBaseURL()
        let delivery = try runBlocking {
            let client = TaskFetcher.makeClient()
            let fetcher = TaskFetcher(baseURL: base, key: key, client: client, library: library)
            do {
                let delivery = try await fetcher.fetch(id) { event in
                    if case .retrying(let reason, let delay) = event {
                        status("\(reason); retrying in \(seconds(delay))")
                    }
                }
                try? await client.shutdown()
                return delivery
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
        status("fetched task \(id) from \(base) into \(library.directory)")
        return try TaskDecoder(strict: strict).decode(delivery.body, source: "\(base) task \(id)")
    }
}
