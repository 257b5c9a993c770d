// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import AsyncHTTPClient
import Foundation
import MIDITask

/// A task named by its id: found in the library, or fetched from the API
/// when a key is configured.
public enum TaskSource {
    /// The JSON of the task with this id, from the library or else fetched
    /// from the API, and where it came from ("library task ID").
    ///
    /// Blocks the calling thread while fetching (see `runBlocking`); meant for
    /// a command's `run()`. `status` gets progress lines for standard error.
    public static func json(id: String,
                            environment: [String: String] = ProcessInfo.processInfo.environment,
                            status: @escaping @Sendable (String) -> Void) throws -> (body: [UInt8], source: String) {
        let library = try TaskLibrary(directory: LibraryLocation.resolve(option: nil, environment: environment))
        if let stored = try library.task(id) {
            return (Array(stored.body), "library task \(id)")
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
        return (Array(delivery.body), "\(base) task \(id)")
    }
}
