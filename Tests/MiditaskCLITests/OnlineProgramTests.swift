// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import ProcessTesting
import Testing

/// miditask alone, as the playback package installs it, and miditask with
/// miditask-api beside it, which it hands the online commands to.
@Suite struct OnlineProgramTests {
    /// A folder holding a copy of miditask and nothing else.
    private func alone() throws -> (folder: TemporaryFolder, program: String) {
        let folder = try TemporaryFolder()
        let program = folder.path("miditask")
        try FileManager.default.copyItem(atPath: CommandRunner.executable.path, toPath: program)
        return (folder, program)
    }

    private func environment(_ home: TemporaryFolder) -> [String: String] {
        ["HOME": home.url.path, "XDG_CONFIG_HOME": home.path("config"), "XDG_DATA_HOME": home.path("data"),
         "MIDITASK_API_KEY": "", "MIDITASK_LIBRARY": ""]
    }

    @Test(arguments: [["fetch", "some-id"], ["tasks"], ["listen"], ["bench", "listen"]])
    func onlineCommandsAloneSayWhatToInstall(_ arguments: [String]) throws {
        let (folder, program) = try alone()
        let outcome = try ChildProcess.run(program, arguments, environment: environment(folder))
        #expect(outcome.status == 1, "\(outcome.stderr)")
        #expect(outcome.stderr.contains("needs miditask-api, the online program, which is not installed"))
        #expect(outcome.stderr.contains("(looked for \(folder.url.resolvingSymlinksInPath().path)/miditask-api)")
                || outcome.stderr.contains("(looked for \(folder.path("miditask-api")))"), "\(outcome.stderr)")
        #expect(!outcome.stderr.contains("Usage:"), "not a usage error: \(outcome.stderr)")
    }

    @Test func aTaskIdAloneSaysWhatToInstallAndAFileStillPlays() throws {
        let (folder, program) = try alone()
        let byId = try ChildProcess.run(program, ["info", "some-task-id"], environment: environment(folder))
        #expect(byId.status == 1)
        #expect(byId.stderr.contains("some-task-id is no file here; reading it as a task id"), "\(byId.stderr)")
        let file = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path
        let byFile = try ChildProcess.run(program, ["info", file], environment: environment(folder))
        #expect(byFile.status == 0 && byFile.stdout.contains("demo-groove-0001"), "\(byFile.stderr)")
    }

    @Test func doctorAloneChecksTheMachineAndSaysTheLibraryWasNotChecked() throws {
        let (folder, program) = try alone()
        let outcome = try ChildProcess.run(program, ["doctor"], environment: environment(folder))
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 12, "\(outcome.stdout)")
        let library = try #require(lines.first { $0.hasPrefix("warning library") }, "\(outcome.stdout)")
        #expect(library.contains("not checked: no miditask-api at") && library.contains("install the miditask-api package"))
        #expect(lines.contains { $0.hasPrefix("OK      config      not read: only miditask-api uses it") }, "\(outcome.stdout)")
        #expect(lines.contains { $0.hasPrefix("OK      apikey      not checked") }, "\(outcome.stdout)")
    }

    @Test func withMiditaskAPIDoctorChecksTheLibraryAndTheKey() throws {
        let home = try TemporaryFolder()
        let result = try CommandRunner.run(["doctor"], environment: environment(home))
        #expect(result.stdout.contains("library     none yet; made at"), "\(result.stdout)")
        #expect(result.stdout.contains("apikey      none: fetch and task ids"), "\(result.stdout)")
    }

    @Test func handedOverCommandsKeepTheirStatusAndStreams() throws {
        let home = try TemporaryFolder()
        let listed = try CommandRunner.run(["tasks"], environment: environment(home))
        #expect(listed.status == 0 && listed.stdout.hasPrefix("no tasks in "), "\(listed.stderr)")
        let refused = try CommandRunner.run(["fetch", "x", "--interval", "0"], environment: environment(home))
        #expect(refused.status == 64 && refused.stderr.contains("--interval must be at least 1 second"), "\(refused.stderr)")
    }
}
