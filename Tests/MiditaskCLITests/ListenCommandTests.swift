// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import AsyncHTTPClient
import Foundation
import Testing
import TaskAPI

/// The built `miditask listen` as a user runs it.
@Suite struct ListenCommandTests {
    @Test func onCompleteExportWritesOneMIDIFilePerTask() async throws {
        let folder = try TemporaryFolder()
        let library = folder.path("library"), output = folder.path("out")
        let listener = try await ListenerProcess.start(
            library: library, arguments: ["--on-complete", "export", "--output-dir", output])
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<5 { group.addTask { try await listener.send(client, id: "cli-1") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        try await client.shutdown()
        #expect(statuses == [200, 200, 200, 200, 200])

        let deadline = ContinuousClock.now + .seconds(30)
        var handled: String?
        while ContinuousClock.now < deadline {
            handled = try TaskLibrary(directory: library).task("cli-1")?.info.handled
            if handled != nil { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        listener.command.signal(SIGTERM)
        _ = try await listener.command.finished()
        #expect(handled == "export ok")
        let bytes = try #require(FileManager.default.contents(atPath: output + "/cli-1.mid"))
        #expect(bytes.prefix(4) == Data("MThd".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: output) == ["cli-1.mid"])
        #expect(try TaskLibrary(directory: library).task("cli-1")?.info.deliveries == 5)
    }

    @Test func sigtermStopsCleanlyWithASummaryAndNoErrorLines() async throws {
        let folder = try TemporaryFolder()
        let listener = try await ListenerProcess.start(library: folder.path("library"))
        let client = HTTPClient(eventLoopGroupProvider: .singleton)
        #expect(try await listener.send(client, id: "term-1") == 200)
        // A kept-alive connection still open at the signal, as the API's would be.
        listener.command.signal(SIGTERM)
        let run = try await listener.command.finished()
        try await client.shutdown()
        #expect(listener.command.process.terminationReason == .exit)
        #expect(run.status == 0)
        #expect(run.stderr.contains("stopped: 1 stored"))
        // Only the listener's own lines: where it listens, and the summary.
        let lines = run.stderr.split(separator: "\n")
        #expect(lines.count == 2, "unexpected lines: \(run.stderr)")
        #expect(!run.stderr.contains("Waiting on child channel"))
        #expect(!run.stderr.contains("Server shutdown error"))
        #expect(!run.stderr.lowercased().contains("error"))
    }

    @Test func sigintStopsAsCleanlyAsSigterm() async throws {
        let folder = try TemporaryFolder()
        let listener = try await ListenerProcess.start(library: folder.path("library"))
        listener.command.signal(SIGINT)
        let run = try await listener.command.finished()
        #expect(run.status == 0)
        #expect(run.stderr.contains("stopped: 0 stored"))
        #expect(!run.stderr.lowercased().contains("error"), "\(run.stderr)")
    }

    @Test func stalledClientsAreCutAtTheRequestTimeoutAndCountedAtStop() async throws {
        let folder = try TemporaryFolder()
        let listener = try await ListenerProcess.start(
            library: folder.path("library"), arguments: ["--request-timeout", "3", "--max-connections", "10"])
        // Ten that send the headers and one byte, then nothing; five more over the cap.
        var stalled: [Int32] = []
        defer { stalled.forEach { close($0) } }
        for _ in 0..<15 { stalled.append(try openStalledConnection(port: listener.port)) }
        try await Task.sleep(for: .seconds(4.5))
        listener.command.signal(SIGTERM)
        let run = try await listener.command.finished()
        #expect(run.status == 0)
        // The five newest do not wait for a place: the five oldest make room.
        #expect(run.stderr.contains("10 timed out, 0 too slow, 5 evicted, 0 connections refused"), "\(run.stderr)")
    }

    @Test func badLimitsAreClearErrors() async throws {
        let folder = try TemporaryFolder()
        let base = ["listen", "--port", "0", "--library", folder.path("library")]
        let zero = try await CommandRunner.runWithoutBlocking(base + ["--request-timeout", "0"])
        #expect(zero.status != 0)
        #expect(zero.stderr.contains("--request-timeout must be 0.1–3600 seconds"))
        let none = try await CommandRunner.runWithoutBlocking(base + ["--max-connections", "0"])
        #expect(none.status != 0)
        #expect(none.stderr.contains("--max-connections must be at least 1"))
        let huge = try await CommandRunner.runWithoutBlocking(base + ["--max-connections", "100000000"])
        #expect(huge.status != 0)
        #expect(huge.stderr.contains("ulimit -n"))
    }

    @Test func secretFileOpenToOthersStopsTheListenerBeforeItStarts() async throws {
        let folder = try TemporaryFolder()
        let secret = try folder.write("secret", "abc")
        chmod(secret, 0o644)
        let run = try await CommandRunner.runWithoutBlocking(
            ["listen", "--port", "0", "--library", folder.path("library"), "--secret-file", secret],
            environment: ["PATH": "/usr/bin:/bin", "HOME": folder.url.path], inheritEnvironment: false)
        #expect(run.status != 0)
        #expect(run.stderr.contains("chmod 600"))
    }
}

/// A loopback connection that sends a callback's headers and one byte of
/// its body, then nothing. The caller closes the descriptor.
private func openStalledConnection(port: Int) throws -> Int32 {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw CommandFailure("socket: \(String(cString: strerror(errno)))") }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_port = in_port_t(UInt16(port).bigEndian)
    address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    guard connected == 0 else {
        close(fd)
        throw CommandFailure("connect to 127.0.0.1:\(port): \(String(cString: strerror(errno)))")
    }
    let request = Array("POST /callback HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 500\r\n\r\n{".utf8)
    guard request.withUnsafeBytes({ send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }) == request.count else {
        close(fd)
        throw CommandFailure("send: \(String(cString: strerror(errno)))")
    }
    return fd
}
