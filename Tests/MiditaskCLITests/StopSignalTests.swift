// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// A stop signal at any instant from launch ends `play` with 128 + n, and a
/// SIGINT the command was started with ignored stays ignored. Here the
/// command is held where it reads its task from a pipe that stays open (the
/// real-device tests in the VM stop it at every other stage, ports included).
@Suite struct StopSignalTests {
    /// Starts `play -` reading a pipe that is never closed, so it waits in the read.
    private func playReadingForever(ignoringSIGINT: Bool = false) throws -> (LaunchedCommand, Pipe) {
        let pipe = Pipe()
        let command = try CommandRunner.launch(["play", "-", "--quiet"], input: pipe.fileHandleForReading,
                                               ignoringSIGINT: ignoringSIGINT)
        return (command, pipe)
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143)), (SIGHUP, Int32(129))])
    func aStopSignalWhileTheTaskIsReadEndsTheCommandAtOnce(signal: Int32, status: Int32) async throws {
        let (command, pipe) = try playReadingForever()
        defer { try? pipe.fileHandleForWriting.close() }
        // Long enough for the command to be up and reading (its stop signals taken
        // first), even on a busy machine.
        try await Task.sleep(for: .seconds(2))
        #expect(command.process.isRunning)
        command.signal(signal)
        let result = try await command.finished(within: .seconds(10))
        #expect(result.status == status)
    }

    @Test func anInheritedIgnoredSIGINTStaysIgnoredAndSIGTERMStillStops() async throws {
        let (command, pipe) = try playReadingForever(ignoringSIGINT: true)
        defer { try? pipe.fileHandleForWriting.close() }
        try await Task.sleep(for: .seconds(2))
        command.signal(SIGINT)
        try await Task.sleep(for: .seconds(1))
        #expect(command.process.isRunning, "SIGINT stopped a command started with it ignored")
        command.signal(SIGTERM)
        let result = try await command.finished(within: .seconds(10))
        #expect(result.status == 143)
    }
}
