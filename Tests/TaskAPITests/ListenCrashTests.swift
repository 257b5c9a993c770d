import AsyncHTTPClient
import Foundation
import NIOCore
import Synchronization
import Testing
@testable import TaskAPI

/// The built `miditask listen` killed with SIGKILL in the middle of a burst,
/// then restarted: every acknowledged delivery must be in a readable store.
@Suite(.serialized) struct ListenCrashTests {
    static let secret = "crash-test-secret"

    /// The `miditask` binary built beside this test bundle.
    static func binary() throws -> String {
        let me = try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
        let path = URL(fileURLWithPath: me).deletingLastPathComponent().appendingPathComponent("miditask").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw ListenerFailure("no built miditask at \(path): run swift build first")
        }
        return path
    }

    struct ListenerFailure: Error, CustomStringConvertible {
        var description: String
        init(_ d: String) { description = d }
    }

    /// Starts `miditask listen` on a free port; returns the process and its URL.
    static func start(library: String, log: String, arguments: [String] = []) throws -> (Process, String) {
        guard FileManager.default.createFile(atPath: log, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: log])
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try binary())
        process.arguments = ["listen", "--port", "0", "--library", library] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["MIDITASK_CALLBACK_SECRET"] = secret
        process.environment = environment
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            let text = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            if let range = text.range(of: #"listening on (http://127\.0\.0\.1:\d+/callback)"#, options: .regularExpression) {
                let url = text[range].dropFirst("listening on ".count)
                return (process, String(url))
            }
            guard process.isRunning else { throw ListenerFailure("miditask listen exited: \(text)") }
            Thread.sleep(forTimeInterval: 0.05)
        }
        process.terminate()
        throw ListenerFailure("miditask listen did not start within 30 s")
    }

    static func send(_ client: HTTPClient, _ url: String, id: String) async throws -> Int {
        let body = ListenBenchmark.callbackBody(id: id, notes: 8)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "X-Signature", value: CallbackSecret(Array(secret.utf8)).signature(of: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }

    @Test func killedMidBurstLosesNoAcknowledgedDelivery() async throws {
        let library = temporaryDirectory("crash")
        let (first, url) = try Self.start(library: library, log: library + "/../crash-first.log")
        let acknowledged = Locked<Set<String>>([])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let killAfter = 400

        // 16 senders, each with its own ids; the first one to see `killAfter`
        // acknowledgements kills the listener while the others keep sending.
        await withTaskGroup(of: Void.self) { group in
            for sender in 0..<16 {
                group.addTask {
                    for n in 0..<2000 {
                        let id = "crash-\(sender)-\(n)"
                        guard let status = try? await Self.send(client, url, id: id) else { return }
                        guard status == 200 else { return }
                        let count = acknowledged.withLock { $0.insert(id); return $0.count }
                        if count == killAfter { kill(first.processIdentifier, SIGKILL) }
                    }
                }
            }
        }
        first.waitUntilExit()
        #expect(first.terminationReason == .uncaughtSignal)
        #expect(first.terminationStatus == SIGKILL)
        let acked = acknowledged.withLock { $0 }
        #expect(acked.count >= killAfter)

        // The store opens and holds every acknowledged task, body intact.
        do {
            let store = try TaskLibrary(directory: library)
            let stored = Dictionary(uniqueKeysWithValues: try store.list().map { ($0.id, $0) })
            let missing = acked.filter { stored[$0] == nil }
            #expect(missing.isEmpty, "acknowledged but lost: \(missing.sorted().prefix(5))")
            for id in acked.sorted().prefix(50) {
                #expect(try store.task(id)?.body == ListenBenchmark.callbackBody(id: id, notes: 8))
            }
        }

        // A restarted listener serves the same library: resent tasks are duplicates.
        let (second, url2) = try Self.start(library: library, log: library + "/../crash-second.log")
        let resend = acked.sorted().prefix(20)
        for id in resend { #expect(try await Self.send(client, url2, id: id) == 200) }
        #expect(try await Self.send(client, url2, id: "after-restart") == 200)
        second.terminate()
        second.waitUntilExit()
        #expect(second.terminationStatus == 0)
        try await client.shutdown()

        let store = try TaskLibrary(directory: library)
        for id in resend { #expect(try store.task(id)?.info.deliveries == 2) }
        #expect(try store.task("after-restart") != nil)
    }
}
