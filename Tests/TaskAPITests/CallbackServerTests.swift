// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import TaskAPITesting
import BenchmarkData
import AsyncHTTPClient
import Crypto
import Foundation
import Hummingbird
import NIOCore
import Testing
@testable import TaskAPI

/// Real HTTP requests to the listener, run in-process on an ephemeral port.
@Suite struct CallbackServerTests {
    static let secret = CallbackSecret(Array("shared-secret".utf8))

    struct Listener {
        var port: Int
        var url: String
        var library: TaskLibrary
        var intake: CallbackIntake
        var client: HTTPClient
        var runner: OnCompleteRunner?

        func post(_ body: [UInt8], signature: String? = nil) async throws -> (Int, String) {
            var request = HTTPClientRequest(url: url)
            request.method = .POST
            request.headers.add(name: "Content-Type", value: "application/json")
            if let signature { request.headers.add(name: "X-Signature", value: signature) }
            request.body = .bytes(ByteBuffer(bytes: body))
            let response = try await client.execute(request, timeout: .seconds(30))
            let answer = try await response.body.collect(upTo: 1 << 20)
            return (Int(response.status.code), String(buffer: answer))
        }

        func signedPost(_ body: [UInt8]) async throws -> (Int, String) {
            try await post(body, signature: CallbackServerTests.secret.signature(of: body))
        }
    }

    /// Runs `body` against a fresh listener; `onComplete` is a script standing
    /// in for `miditask` that appends its arguments to a file.
    static func withListener<T: Sendable>(
        secret: CallbackSecret? = secret, maxBodyBytes: Int = 1 << 20, onCompleteLog: String? = nil,
        requestTimeout: Duration = .seconds(15), maxConnections: Int = 512,
        tls: TLSCertificateReloader? = nil, certificateCheckInterval: Duration = .seconds(30),
        configure: (inout CallbackServer.Configuration) -> Void = { _ in },
        _ body: (Listener) async throws -> T
    ) async throws -> T {
        let directory = temporaryDirectory("listen")
        let library = try TaskLibrary(directory: directory)
        var runner: OnCompleteRunner?
        if let onCompleteLog {
            let script = directory + "/fake-miditask.sh"
            try "#!/bin/sh\necho \"$*\" >> '\(onCompleteLog)'\n".write(toFile: script, atomically: true, encoding: .utf8)
            chmod(script, 0o755)
            runner = OnCompleteRunner(.init(action: .export, executable: script, outputDirectory: directory + "/out"),
                                      library: library, log: { _ in })
        }
        let intake = CallbackIntake(library: library, secret: secret, rejected: RejectedBodies(libraryDirectory: directory),
                                    onComplete: runner, log: { _ in })
        var configuration = CallbackServer.Configuration()
        configuration.port = 0
        configuration.maxBodyBytes = maxBodyBytes
        configuration.requestTimeout = requestTimeout
        configuration.maxConnections = maxConnections
        configuration.tls = tls
        configuration.certificateCheckInterval = certificateCheckInterval
        configure(&configuration)
        let scheme = tls == nil ? "http" : "https"
        let ready = configuration
        return try await withRunningServer({ try CallbackServer.application(ready, intake: intake, onRunning: $0) }) { port in
            let client = HTTPClient(eventLoopGroupProvider: .singleton)
            let listener = Listener(port: port, url: "\(scheme)://127.0.0.1:\(port)/callback", library: library, intake: intake,
                                    client: client, runner: runner)
            do {
                let result = try await body(listener)
                try await client.shutdown()
                return result
            } catch {
                try await client.shutdown()
                throw error
            }
        }
    }

    static func body(_ id: String) -> [UInt8] { SyntheticTask.callbackBody(id: id, notes: 3) }

    @Test func signedCallbackIsStoredAndAcknowledged() async throws {
        try await Self.withListener { listener in
            let (status, answer) = try await listener.signedPost(Self.body("s1"))
            #expect(status == 200)
            #expect(answer.contains(#""status":"stored""#))
            #expect(try listener.library.task("s1")?.body == Self.body("s1"))
        }
    }

    @Test func unsignedCallbackIsRefusedAndNothingStored() async throws {
        try await Self.withListener { listener in
            let (status, _) = try await listener.post(Self.body("s2"))
            #expect(status == 401)
            #expect(try listener.library.list().isEmpty)
        }
    }

    @Test func wrongSignatureIsRefusedAndNothingStored() async throws {
        try await Self.withListener { listener in
            let signature = Self.secret.signature(of: Self.body("other"))
            let (status, _) = try await listener.post(Self.body("s3"), signature: signature)
            #expect(status == 401)
            #expect(try listener.library.list().isEmpty)
        }
    }

    @Test func withoutASecretUnsignedCallbacksAreAccepted() async throws {
        try await Self.withListener(secret: nil) { listener in
            let (status, _) = try await listener.post(Self.body("s4"))
            #expect(status == 200)
            #expect(try listener.library.task("s4") != nil)
        }
    }

    @Test func parallelDuplicatesAreStoredOnceCountedAndHandledOnce() async throws {
        let log = temporaryDirectory("oncomplete") + "/calls"
        try await Self.withListener(onCompleteLog: log) { listener in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<40 { group.addTask { try await listener.signedPost(Self.body("dup")).0 } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: 40))
            await listener.runner!.waitUntilIdle()
            let stored = try listener.library.list()
            #expect(stored.map(\.id) == ["dup"])
            #expect(stored.first?.deliveries == 40)
            #expect(stored.first?.handled == "export ok")
            let calls = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
            #expect(calls.count == 1)
            #expect(calls.first?.hasSuffix("-- dup") == true)
        }
    }

    @Test func base64SignedCallbackIsStored() async throws {
        try await Self.withListener { listener in
            let body = Self.body("b64")
            let mac = HMAC<SHA256>.authenticationCode(for: body, using: SymmetricKey(data: Array("shared-secret".utf8)))
            let (status, _) = try await listener.post(body, signature: Data(mac).base64EncodedString())
            #expect(status == 200)
            #expect(try listener.library.task("b64") != nil)
        }
    }

    @Test func failureCallbackIsRecordedAndDoesNotOverwriteSuccess() async throws {
        try await Self.withListener { listener in
            let failure = Array(#"{"task_id":"f1","code":500,"msg":"Internal Error","data":null}"#.utf8)
            #expect(try await listener.signedPost(failure).0 == 200)
            #expect(try listener.library.task("f1")?.info.state == .failed)
            #expect(try await listener.signedPost(Self.body("f1")).0 == 200)
            #expect(try await listener.signedPost(failure).0 == 200)
            let stored = try #require(try listener.library.task("f1"))
            #expect(stored.info.state == .complete)
            #expect(stored.body == Self.body("f1"))
            #expect(stored.info.failedDeliveries == 2)
        }
    }

    @Test func oversizeBodyIsRefusedWith413() async throws {
        try await Self.withListener(maxBodyBytes: 4096) { listener in
            let big = SyntheticTask.callbackBody(id: "big", notes: 200)
            #expect(big.count > 4096)
            let (status, _) = try await listener.signedPost(big)
            #expect(status == 413)
            #expect(try listener.library.list().isEmpty)
        }
    }

    @Test func malformedBodyIsRefusedWith400AndKeptAside() async throws {
        try await Self.withListener { listener in
            let junk = Array(#"{"task_id":"m1","code":200,"data":{"#.utf8)
            let (status, answer) = try await listener.signedPost(junk)
            #expect(status == 400)
            #expect(answer.contains("malformed JSON"))
            #expect(try listener.library.list().isEmpty)
            let rejected = listener.library.directory + "/rejected"
            let files = try FileManager.default.contentsOfDirectory(atPath: rejected)
            let kept = try #require(files.first { $0.hasSuffix(".body") })
            #expect(FileManager.default.contents(atPath: rejected + "/" + kept).map { [UInt8]($0) } == junk)
        }
    }

    @Test func hostileIdsAreStoredAsValuesOrRefused() async throws {
        try await Self.withListener { listener in
            for id in ["../../escape", "a/b", "/etc/passwd", "..", "%2e%2e%2f"] {
                #expect(try await listener.signedPost(Self.body(id)).0 == 200)
                #expect(try listener.library.task(id) != nil)
            }
            for id in ["nul\u{0}byte", String(repeating: "x", count: 10_000)] {
                #expect(try await listener.signedPost(Self.body(id)).0 == 400)
            }
            #expect(try listener.library.list().count == 5)
            let entries = try FileManager.default.contentsOfDirectory(atPath: listener.library.directory)
            #expect(entries.allSatisfy { $0.hasPrefix("library.sqlite") || $0 == "rejected" || $0 == "fake-miditask.sh" })
            #expect(!FileManager.default.fileExists(atPath: listener.library.directory + "/../escape"))
        }
    }

    @Test func answerComesBeforeTheOnCompleteActionFinishes() async throws {
        // The stand-in action cannot finish until the test releases it, so an
        // answer that waited for it would never come (the script gives up
        // after 60 s and the task would be marked failed): no timing involved.
        let directory = temporaryDirectory("slow")
        let library = try TaskLibrary(directory: directory)
        let script = directory + "/slow.sh"
        let release = directory + "/release"
        try """
            #!/bin/sh
            i=0
            while [ ! -e '\(release)' ]; do
                i=$((i + 1)); [ $i -gt 1200 ] && exit 1
                sleep 0.05
            done
            """.write(toFile: script, atomically: true, encoding: .utf8)
        chmod(script, 0o755)
        let runner = OnCompleteRunner(.init(action: .export, executable: script, outputDirectory: directory),
                                      library: library, log: { _ in })
        let intake = CallbackIntake(library: library, secret: nil, rejected: nil, onComplete: runner, log: { _ in })
        let answer = await intake.receive(body: Self.body("slow"), signature: nil)
        #expect(answer.status == 200)
        #expect(try library.task("slow") != nil)
        #expect(try library.task("slow")?.info.handled != "export ok")
        #expect(FileManager.default.createFile(atPath: release, contents: nil))
        await runner.waitUntilIdle()
        #expect(try library.task("slow")?.info.handled == "export ok")
    }
}
