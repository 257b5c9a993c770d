// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import TaskAPITesting
import Foundation
import Testing
import TaskAPI

/// `miditask fetch`, `tasks` and task-id sources, run as the built binary
/// against the stand-in API.
@Suite struct FetchCommandTests {
    static let key = "sk-cli-test-key-5f1e"

    /// Only what the command needs: no key or library from the developer's shell.
    static func environment(library: String) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent",
         "MIDITASK_LIBRARY": library, "MIDITASK_API_KEY": key]
    }

    static func run(_ arguments: [String], _ environment: [String: String]) async throws -> CommandRunner.Result {
        try await CommandRunner.runWithoutBlocking(arguments, environment: environment, inheritEnvironment: false)
    }

    @Test func verboseFetchAndItsErrorsNeverPrintTheKey() async throws {
        let api = StandInAPI([.init(status: 503, body: "down"), .init(status: 401, body: #"{"code":401,"msg":"Unauthorized"}"#)])
        let library = try TemporaryFolder()
        let run = try await withRunningServer(api.application) { port in
            try await Self.run(["fetch", "k1", "--verbose", "--base-url", "http://127.0.0.1:\(port)"],
                               Self.environment(library: library.url.path))
        }
        #expect(run.status != 0)
        #expect(run.stderr.contains("HTTP 401"))
        #expect(run.stderr.contains("GET http://127.0.0.1"))
        #expect(!run.stderr.contains(Self.key))
        #expect(!run.stdout.contains(Self.key))
        #expect(api.requests.last?.authorization == "Bearer \(Self.key)")
    }

    @Test func fetchedTaskIsListedAndUsableAsASource() async throws {
        let api = StandInAPI([.init(body: RecordInfo.done("k2"))])
        let library = try TemporaryFolder()
        let env = Self.environment(library: library.url.path)
        let fetched = try await withRunningServer(api.application) { port in
            try await Self.run(["fetch", "k2", "--base-url", "http://127.0.0.1:\(port)"], env)
        }
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdout.contains("task k2: complete, 3 notes in 2 instruments"))

        let listed = try await Self.run(["tasks", "--json"], env)
        #expect(listed.status == 0)
        let tasks = try JSONDecoder.iso8601.decode([StoredTask].self, from: Data(listed.stdout.utf8))
        #expect(tasks.map(\.id) == ["k2"])
        #expect(tasks.first?.noteCount == 3)

        // With the server gone, `info` finds the task in the library by its id.
        let info = try await Self.run(["info", "k2"], env)
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Electric Bass (finger)"))
    }

    @Test func unknownIdWithoutAKeyIsAClearError() async throws {
        let library = try TemporaryFolder()
        var env = Self.environment(library: library.url.path)
        env["MIDITASK_API_KEY"] = nil
        let run = try await Self.run(["info", "no-such-task"], env)
        #expect(run.status != 0)
        #expect(run.stderr.contains("no file or stored task named no-such-task; set MIDITASK_API_KEY to fetch it"))
    }

    @Test func unknownIdWithAKeyIsFetched() async throws {
        let api = StandInAPI([.init(body: RecordInfo.done("k3"))])
        let library = try TemporaryFolder()
        var env = Self.environment(library: library.url.path)
        let run = try await withRunningServer(api.application) { port in
            env["MIDITASK_API_BASE"] = "http://127.0.0.1:\(port)"
            return try await Self.run(["info", "k3"], env)
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Drums"))
        #expect(try TaskLibrary(directory: library.url.path).task("k3") != nil)
    }

    @Test func missingBaseURLSaysHowToSetIt() async throws {
        let library = try TemporaryFolder()
        let run = try await Self.run(["fetch", "k4"], Self.environment(library: library.url.path))
        #expect(run.status != 0)
        #expect(run.stderr.contains("MIDITASK_API_BASE"))
    }
}

extension JSONDecoder {
    static var iso8601: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }
}
