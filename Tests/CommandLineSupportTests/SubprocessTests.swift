// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CommandLineSupport
import Glibc
import SystemClock
import Testing

@Suite struct SubprocessTests {
    @Test func outputIsCapturedAndTheStatusKept() throws {
        let run = try Subprocess.run(["/bin/sh", "-c", "printf 'one\\ntwo'; exit 3"], output: .capture)
        #expect(run.status == 3)
        #expect(String(decoding: run.output, as: UTF8.self) == "one\ntwo")
    }

    /// More than a pipe holds both ways: the input is written while the
    /// output is read, so neither side waits on the other.
    @Test func aLargeInputComesBackWhole() throws {
        let input = (0..<1_000_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let run = try Subprocess.run(["/bin/cat"], input: input, output: .capture)
        #expect(run.status == 0)
        #expect(run.output == input)
    }

    @Test func aProgramEndedBySignalReportsIt() throws {
        let child = try Subprocess(["/bin/sleep", "30"])
        #expect(child.isRunning)
        child.terminate()
        #expect(child.wait() == 128 + SIGTERM)
        #expect(!child.isRunning)
    }

    @Test func aMissingProgramIsAnErrorNamingIt() {
        #expect {
            _ = try Subprocess.run(["/nonexistent/program"])
        } throws: { error in
            (error as? SubprocessError)?.description.contains("/nonexistent/program") ?? false
        }
    }

    @Test func theCompanionIsLookedForBesideThisProgram() throws {
        let own = try #require(ProgramFile.directory())
        #expect(Companion.path(of: "miditask-api") == own + "/miditask-api")
        #expect(Companion.isRunnable("/bin/sh"))
        #expect(!Companion.isRunnable("/etc/passwd"))
        #expect(!Companion.isRunnable("/nonexistent"))
    }
}
