import Foundation
import Testing
@testable import TaskAPI

/// `miditask fetch`, `tasks` and task-id sources, run as the built binary
/// against the stand-in API.
@Suite struct FetchCommandTests {
    static let key = "sk-cli-test-key-5f1e"

    static func environment(library: String) -> [String: String] {
        ["PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "XDG_CONFIG_HOME": "/nonexistent",
         "MIDITASK_LIBRARY": library, "MIDITASK_API_KEY": key]
    }

    @Test func verboseFetchAndItsErrorsNeverPrintTheKey() async throws {
        let api = StandInAPI([.init(status: 503, body: "down"), .init(status: 401, body: #"{"code":401,"msg":"Unauthorized"}"#)])
        let library = temporaryDirectory("cli")
        let run = try await withRunningServer(api.application) { port in
            try await runMiditask(["fetch", "k1", "--verbose", "--base-url", "http://127.0.0.1:\(port)"],
                                  environment: Self.environment(library: library))
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
        let library = temporaryDirectory("cli")
        let env = Self.environment(library: library)
        let fetched = try await withRunningServer(api.application) { port in
            try await runMiditask(["fetch", "k2", "--base-url", "http://127.0.0.1:\(port)"], environment: env)
        }
        #expect(fetched.status == 0, "\(fetched.stderr)")
        #expect(fetched.stdout.contains("task k2: complete, 3 notes in 2 instruments"))

        let listed = try await runMiditask(["tasks", "--json"], environment: env)
        #expect(listed.status == 0)
        let tasks = try JSONDecoder.iso8601.decode([StoredTask].self, from: Data(listed.stdout.utf8))
        #expect(tasks.map(\.id) == ["k2"])
        #expect(tasks.first?.noteCount == 3)

        // With the server gone, `info` finds the task in the library by its id.
        let info = try await runMiditask(["info", "k2"], environment: env)
        #expect(info.status == 0, "\(info.stderr)")
        #expect(info.stdout.contains("Electric Bass (finger)"))
    }

    @Test func unknownIdWithoutAKeyIsAClearError() async throws {
        var env = Self.environment(library: temporaryDirectory("cli"))
        env["MIDITASK_API_KEY"] = nil
        let run = try await runMiditask(["info", "no-such-task"], environment: env)
        #expect(run.status != 0)
        #expect(run.stderr.contains("no file or stored task named no-such-task; set MIDITASK_API_KEY to fetch it"))
    }

    @Test func unknownIdWithAKeyIsFetched() async throws {
        let api = StandInAPI([.init(body: RecordInfo.done("k3"))])
        let library = temporaryDirectory("cli")
        var env = Self.environment(library: library)
        let run = try await withRunningServer(api.application) { port in
            env["MIDITASK_API_BASE"] = "http://127.0.0.1:\(port)"
            return try await runMiditask(["info", "k3"], environment: env)
        }
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("Drums"))
        #expect(try TaskLibrary(directory: library).task("k3") != nil)
    }

    @Test func missingBaseURLSaysHowToSetIt() async throws {
        let run = try await runMiditask(["fetch", "k4"], environment: Self.environment(library: temporaryDirectory("cli")))
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
