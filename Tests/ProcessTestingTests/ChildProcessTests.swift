// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import ProcessTesting
import Testing

/// The process helper the other test targets share: both pipes read at once,
/// input fed, status and signal told apart, a timeout that kills.
@Suite struct ChildProcessTests {
    @Test func aChildFillingBothPipesFinishesWithEveryByte() throws {
        // 1 MiB to standard error before anything to standard output: more
        // than a pipe holds, so reading one pipe after the other would stall.
        let script = "head -c 1048576 /dev/zero >&2; head -c 1048576 /dev/zero; echo done >&2"
        let run = try ChildProcess.run("sh", ["-c", script], timeout: .seconds(60))
        #expect(run.succeeded)
        #expect(run.outputData.count == 1_048_576)
        #expect(run.errorData.count == 1_048_576 + 5)
    }

    @Test func inputReachesTheChildAndEnvironmentAndDirectoryApply() throws {
        let folder = FileManager.default.temporaryDirectory.path
        let run = try ChildProcess.run("sh", ["-c", "cat; printf ' %s %s' \"$GREETING\" \"$(pwd -P)\""],
                                       input: Data("hello".utf8), environment: ["GREETING": "there"], directory: folder)
        let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().path
        #expect(run.stdout == "hello there \(resolved)")
    }

    @Test func inputTheChildNeverReadsEndsQuietly() throws {
        // More than a pipe holds, to a child that exits at once: the write
        // fails with EPIPE on the writing thread, and the tests go on.
        let run = try ChildProcess.run("true", input: Data(count: 4 << 20))
        #expect(run.succeeded)
    }

    @Test func exitStatusAndSignalAreToldApart() throws {
        let failed = try ChildProcess.run("sh", ["-c", "exit 3"])
        #expect(failed.status == 3 && !failed.diedOfSignal && !failed.succeeded)
        let killed = try ChildProcess.run("sh", ["-c", "kill -KILL $$"])
        #expect(killed.diedOfSignal && killed.status == SIGKILL && !killed.timedOut)
    }

    @Test func aChildPastItsTimeoutIsKilled() throws {
        let started = ContinuousClock.now
        let run = try ChildProcess.run("sleep", ["30"], timeout: .milliseconds(200))
        #expect(run.timedOut && run.diedOfSignal && run.status == SIGKILL)
        #expect(ContinuousClock.now - started < .seconds(20))
    }

    @Test func aMissingProgramIsAnError() {
        #expect(throws: (any Error).self) { try ChildProcess.run("no-such-program-\(UUID())") }
    }

    @Test func theAsyncRunGivesTheSameOutcome() async throws {
        let run = try await ChildProcess.run("sh", ["-c", "echo out; echo err >&2"])
        #expect(run.stdout == "out\n" && run.stderr == "err\n" && run.succeeded)
    }
}
