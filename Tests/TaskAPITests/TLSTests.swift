// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import Foundation
import ProcessTesting
import Testing
@testable import TaskAPI

/// HTTPS: real TLS on loopback, checked with curl and openssl as a client
/// would, with certificates made by openssl for each test.
@Suite(.serialized) struct TLSTests {
    struct Pair {
        var certificate: String
        var key: String
    }

    /// A self-signed certificate for 127.0.0.1 named `name`, in `folder`.
    static func makePair(_ folder: String, _ name: String, keyType: String = "ec") async throws -> Pair {
        let pair = Pair(certificate: "\(folder)/\(name).pem", key: "\(folder)/\(name).key")
        let algorithm = keyType == "ec" ? ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"] : ["-newkey", "rsa:2048"]
        let run = try await ChildProcess.run(
            "openssl", ["req", "-x509"] + algorithm + ["-nodes", "-keyout", pair.key, "-out", pair.certificate,
             "-days", "2", "-subj", "/CN=\(name)", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"])
        try #require(run.status == 0, "openssl: \(run.stderr)")
        return pair
    }

    static func reloader(_ pair: Pair) throws -> TLSCertificateReloader {
        try TLSCertificateReloader(certificatePath: pair.certificate, keyPath: pair.key, log: { print($0) })
    }

    /// A signed delivery sent with curl, trusting only `ca`; returns curl's
    /// exit status and the HTTP status it printed.
    static func curlDelivery(port: Int, ca: String, id: String, folder: String) async throws -> (exit: Int32, status: String) {
        let body = SyntheticTask.callbackBody(id: id, notes: 8)
        let file = "\(folder)/\(id).json"
        try Data(body).write(to: URL(fileURLWithPath: file))
        let run = try await ChildProcess.run("curl", [
            "-sS", "--max-time", "10", "--cacert", ca, "-o", "/dev/null", "-w", "%{http_code}",
            "-H", "Content-Type: application/json", "-H", "X-Signature: \(CallbackServerTests.secret.signature(of: body))",
            "--data-binary", "@\(file)", "https://127.0.0.1:\(port)/callback"])
        return (run.status, run.stdout)
    }

    @Test func deliveriesOverHTTPSAreStoredAndVerifiedByCurl() async throws {
        let folder = temporaryDirectory("tls")
        let pair = try await Self.makePair(folder, "first")
        try await CallbackServerTests.withListener(tls: Self.reloader(pair)) { listener in
            let sent = try await Self.curlDelivery(port: listener.port, ca: pair.certificate, id: "tls-1", folder: folder)
            #expect(sent.exit == 0)
            #expect(sent.status == "200")
            #expect(try listener.library.task("tls-1")?.info.deliveries == 1)
            let health = try await ChildProcess.run(
                "curl", ["-sS", "--max-time", "10", "--cacert", pair.certificate, "https://127.0.0.1:\(listener.port)/healthz"])
            #expect(health.stdout == #"{"status":"ok"}"# + "\n")
        }
    }

    @Test func plainHTTPToTheTLSPortGetsNoAnswer() async throws {
        let folder = temporaryDirectory("tls")
        let pair = try await Self.makePair(folder, "plain")
        try await CallbackServerTests.withListener(tls: Self.reloader(pair)) { listener in
            let run = try await ChildProcess.run(
                "curl", ["-sS", "--max-time", "10", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(listener.port)/healthz"])
            #expect(run.status != 0, "curl exit \(run.status), \(run.stderr)")
            #expect(run.stdout == "000")
        }
    }

    @Test func tlsOlderThan1_2IsRefused() async throws {
        let folder = temporaryDirectory("tls")
        let pair = try await Self.makePair(folder, "old")
        let reloader = try Self.reloader(pair)
        // The client's own OpenSSL may refuse 1.0 and 1.1 by itself, so the
        // server's setting is checked too, not only what curl sees.
        #expect(reloader.serverConfiguration().minimumTLSVersion == .tlsv12)
        try await CallbackServerTests.withListener(tls: reloader) { listener in
            let run = try await ChildProcess.run(
                "curl", ["-sS", "--max-time", "10", "--cacert", pair.certificate, "--tlsv1.0", "--tls-max", "1.1",
                 "https://127.0.0.1:\(listener.port)/healthz"])
            #expect(run.status != 0)
            let modern = try await ChildProcess.run(
                "curl", ["-sS", "--max-time", "10", "--cacert", pair.certificate, "--tlsv1.2", "--tls-max", "1.2",
                 "https://127.0.0.1:\(listener.port)/healthz"])
            #expect(modern.status == 0, "\(modern.stderr)")
        }
    }

    @Test func renewedFilesServeTheNextConnectionWhileAnOpenOneKeepsWorking() async throws {
        let folder = temporaryDirectory("tls")
        let live = Pair(certificate: folder + "/live.pem", key: folder + "/live.key")
        let old = try await Self.makePair(folder, "old")
        let new = try await Self.makePair(folder, "new", keyType: "rsa")
        try FileManager.default.copyItem(atPath: old.certificate, toPath: live.certificate)
        try FileManager.default.copyItem(atPath: old.key, toPath: live.key)
        try await CallbackServerTests.withListener(tls: Self.reloader(live), certificateCheckInterval: .milliseconds(200)) { listener in
            // A connection opened on the old certificate, held open.
            let held = Process()
            held.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            held.arguments = ["openssl", "s_client", "-quiet", "-verify_return_error", "-CAfile", old.certificate,
                              "-connect", "127.0.0.1:\(listener.port)"]
            let input = Pipe(), output = Pipe()
            held.standardInput = input
            held.standardOutput = output
            held.standardError = FileHandle.nullDevice
            try held.run()
            defer { if held.isRunning { held.terminate() } }
            try await Task.sleep(for: .milliseconds(500))
            #expect(held.isRunning, "s_client could not connect with the old certificate")

            // Renewal as certbot does it: new files moved into place.
            for (from, to) in [(new.certificate, live.certificate), (new.key, live.key)] {
                try FileManager.default.copyItem(atPath: from, toPath: to + ".tmp")
                _ = rename(to + ".tmp", to)
            }
            try await Task.sleep(for: .milliseconds(800))

            let withNew = try await Self.curlDelivery(port: listener.port, ca: new.certificate, id: "renewed", folder: folder)
            #expect(withNew.exit == 0 && withNew.status == "200", "curl with the new CA: exit \(withNew.exit)")
            let withOld = try await Self.curlDelivery(port: listener.port, ca: old.certificate, id: "stale", folder: folder)
            #expect(withOld.exit != 0, "the next connection still got the old certificate")

            // The connection opened before the renewal still answers.
            input.fileHandleForWriting.write(Data("GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".utf8))
            let deadline = ContinuousClock.now + .seconds(5)
            while held.isRunning, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(50)) }
            let answer = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
            #expect(answer.hasPrefix("HTTP/1.1 200"), "on the held connection: \(answer)")
        }
    }

    @Test func aBrokenRenewalKeepsTheWorkingCertificate() async throws {
        let folder = temporaryDirectory("tls")
        let live = Pair(certificate: folder + "/live.pem", key: folder + "/live.key")
        let good = try await Self.makePair(folder, "good")
        let other = try await Self.makePair(folder, "other")
        try FileManager.default.copyItem(atPath: good.certificate, toPath: live.certificate)
        try FileManager.default.copyItem(atPath: good.key, toPath: live.key)
        let reloader = try Self.reloader(live)
        // Half a renewal: the new certificate, the old key.
        try FileManager.default.removeItem(atPath: live.certificate)
        try FileManager.default.copyItem(atPath: other.certificate, toPath: live.certificate)
        reloader.reloadIfChanged()
        #expect(reloader.summary.contains("CN=good"))
    }

    @Test func missingUnreadableOrMismatchedFilesAreClearErrors() async throws {
        let folder = temporaryDirectory("tls")
        let a = try await Self.makePair(folder, "a")
        let b = try await Self.makePair(folder, "b")
        func message(_ certificate: String, _ key: String) -> String {
            do {
                _ = try TLSIdentity.load(certificatePath: certificate, keyPath: key)
                return "loaded"
            } catch {
                return error.description
            }
        }
        #expect(message(folder + "/none.pem", a.key) == "--tls-cert \(folder)/none.pem: No such file or directory")
        #expect(message(a.certificate, folder) == "--tls-key \(folder): Is a directory")
        #expect(message(a.key, a.key) == "--tls-cert \(a.key) holds no readable PEM certificate")
        #expect(message(a.certificate, a.certificate) == "--tls-key \(a.certificate) holds no readable unencrypted PEM private key")
        #expect(message(a.certificate, b.key) == "--tls-key \(b.key) does not match the certificate in --tls-cert \(a.certificate)")
        #expect(message(a.certificate, a.key) == "loaded")
    }
}
