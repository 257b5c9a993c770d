// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import AsyncHTTPClient
import Foundation
import Testing
import TaskAPI

/// `miditask listen` as a service: the health check, TLS files checked
/// before listening, and the systemd unit shipped in the package.
@Suite struct ListenServiceTests {
    @Test func healthzAnswersWithoutSecretsOrTaskData() async throws {
        let folder = try TemporaryFolder()
        let listener = try await ListenerProcess.start(library: folder.path("library"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        #expect(try await listener.send(client, id: "health-1") == 200)
        let response = try await client.execute(
            HTTPClientRequest(url: "http://127.0.0.1:\(listener.port)/healthz"), timeout: .seconds(10))
        let body = String(buffer: try await response.body.collect(upTo: 1 << 16))
        try await client.shutdown()
        listener.command.signal(SIGTERM)
        _ = try await listener.command.finished()
        #expect(response.status.code == 200)
        #expect(body == #"{"status":"ok"}"# + "\n")
        #expect(!body.contains("health-1") && !body.contains(ListenerProcess.secret))
    }

    @Test func aMissingOrMismatchedTLSFileStopsTheListenerBeforeItListens() async throws {
        let folder = try TemporaryFolder()
        let base = ["listen", "--port", "0", "--library", folder.path("library")]
        let missing = try await CommandRunner.runWithoutBlocking(
            base + ["--tls-cert", folder.path("none.pem"), "--tls-key", folder.path("none.key")])
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("--tls-cert \(folder.path("none.pem")): No such file or directory"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("listening on"))

        var pairs: [(String, String)] = []
        for name in ["a", "b"] {
            let (cert, key) = (folder.path("\(name).pem"), folder.path("\(name).key"))
            let made = try CommandRunnerTools.run(
                "/usr/bin/env", ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1",
                                 "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=\(name)"])
            try #require(made == 0, "openssl failed")
            pairs.append((cert, key))
        }
        let mismatched = try await CommandRunner.runWithoutBlocking(base + ["--tls-cert", pairs[0].0, "--tls-key", pairs[1].1])
        #expect(mismatched.status != 0)
        #expect(mismatched.stderr.contains("does not match the certificate"), "\(mismatched.stderr)")
        #expect(!mismatched.stderr.contains("listening on"))

        let alone = try await CommandRunner.runWithoutBlocking(base + ["--tls-cert", pairs[0].0])
        #expect(alone.status != 0)
        #expect(alone.stderr.contains("--tls-cert and --tls-key go together"))
    }

    @Test func theSystemdUnitPassesSystemdAnalyzeVerify() throws {
        let unit = CommandRunner.packageRoot.appendingPathComponent("scripts/packaging/miditask-listen.service").path
        let text = try String(contentsOfFile: unit, encoding: .utf8)
        #expect(text.contains("ExecStart=/usr/bin/miditask listen "))
        for hardening in ["DynamicUser=yes", "ProtectSystem=strict", "StateDirectory=miditask", "NoNewPrivileges=yes"] {
            #expect(text.contains(hardening), "no \(hardening)")
        }
        // The secret comes from an environment file, never the command line.
        #expect(text.contains("EnvironmentFile=-/etc/miditask/listen.env"))
        #expect(!text.contains("MIDITASK_CALLBACK_SECRET=") || text.contains("#   MIDITASK_CALLBACK_SECRET="))
        // verify checks that ExecStart's binary exists: point it at the one built here.
        let folder = try TemporaryFolder()
        let copy = folder.path("miditask-listen.service")
        try text.replacingOccurrences(of: "/usr/bin/miditask", with: CommandRunner.executable.path)
            .write(toFile: copy, atomically: true, encoding: .utf8)
        let status = try CommandRunnerTools.run("/usr/bin/env", ["systemd-analyze", "verify", "--man=no", copy])
        #expect(status == 0, "systemd-analyze verify failed (its output is above)")
    }
}

/// Runs a tool (openssl, systemd-analyze) to its end; its output goes to the test's.
enum CommandRunnerTools {
    static func run(_ executable: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
