import AsyncHTTPClient
import Foundation
import Testing
@testable import TaskAPI

/// The built `miditask listen` as a user runs it.
@Suite struct ListenCommandTests {
    @Test func onCompleteExportWritesOneMIDIFilePerTask() async throws {
        let library = temporaryDirectory("listen-cli")
        let output = temporaryDirectory("listen-out")
        let (process, url) = try ListenCrashTests.start(
            library: library, log: library + "/../listen-cli.log",
            arguments: ["--on-complete", "export", "--output-dir", output])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<5 { group.addTask { try await ListenCrashTests.send(client, url, id: "cli-1") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await client.shutdown()
        #expect(statuses == [200, 200, 200, 200, 200])

        let file = output + "/cli-1.mid"
        let deadline = ContinuousClock.now + .seconds(30)
        var handled: String?
        while ContinuousClock.now < deadline {
            handled = try TaskLibrary(directory: library).task("cli-1")?.info.handled
            if handled != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        process.terminate()
        process.waitUntilExit()
        #expect(handled == "export ok")
        let bytes = try #require(FileManager.default.contents(atPath: file))
        #expect(bytes.prefix(4) == Data("MThd".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["cli-1.mid"])
        #expect(try TaskLibrary(directory: library).task("cli-1")?.info.deliveries == 5)
    }

    @Test func sigtermStopsCleanlyWithASummary() async throws {
        let library = temporaryDirectory("listen-cli")
        let log = library + "/../listen-term.log"
        let (process, url) = try ListenCrashTests.start(library: library, log: log)
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        #expect(try await ListenCrashTests.send(client, url, id: "term-1") == 200)
        try await client.shutdown()
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit)
        #expect(process.terminationStatus == 0)
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("stopped: 1 stored"))
    }

    @Test func secretFileOpenToOthersStopsTheListenerBeforeItStarts() async throws {
        let directory = temporaryDirectory("listen-cli")
        let secret = directory + "/secret"
        try "abc".write(toFile: secret, atomically: true, encoding: .utf8)
        chmod(secret, 0o644)
        let run = try await runMiditask(["listen", "--port", "0", "--library", directory, "--secret-file", secret],
                                        environment: ["PATH": "/usr/bin:/bin", "HOME": directory])
        #expect(run.status != 0)
        #expect(run.stderr.contains("chmod 600"))
    }
}
