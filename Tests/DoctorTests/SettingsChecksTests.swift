// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import Doctor
import Testing

@Suite struct SettingsChecksTests {
    @Test func aLibraryNotYetMadeIsFine() {
        var facts = FakeMachine.healthy
        facts.library = .notYetMade(directory: "/home/u/.local/share/miditask")
        #expect(SettingsChecks.library(facts).status == .ok)
        #expect(SettingsChecks.library(FakeMachine.healthy).summary.hasSuffix("(3 tasks)"))
    }

    /// The playback program alone: nothing of the online settings is read,
    /// the library line says what to install, and playback is not held back.
    @Test func withoutTheOnlineProgramTheSettingsAreNotReadAndTheLibrarySaysWhatToInstall() {
        var facts = FakeMachine.healthy
        facts.apiKeySource = "MIDITASK_API_KEY"
        let missing = SettingsFindings.onlineProgramMissing(path: "/usr/bin/miditask-api")
        facts.library = missing.library
        facts.configFile = missing.configFile
        facts.apiKeySource = missing.apiKeySource
        let library = SettingsChecks.library(facts)
        #expect(library.status == .warning)
        #expect(library.summary.contains("no miditask-api at /usr/bin/miditask-api"))
        #expect(library.fix == "install the miditask-api package")
        #expect(SettingsChecks.configFile(facts).status == .ok)
        #expect(SettingsChecks.apiKey(facts).status == .ok)
        #expect(SettingsChecks.apiKey(facts).summary.hasPrefix("not checked"))
        #expect(Checkup(facts).playbackCanWork)
    }

    @Test func anUnusableLibraryIsAnError() {
        var facts = FakeMachine.healthy
        facts.library = .unusable(path: "/srv/lib/library.sqlite", reason: "this user may not read and write it")
        #expect(SettingsChecks.library(facts).status == .error)
    }

    @Test func aConfigFileOpenToOthersIsAnErrorWithChmod() {
        var facts = FakeMachine.healthy
        facts.configFile = .present(path: "/home/u/.config/miditask/config", mode: 0o100644, problem: "open to others")
        let result = SettingsChecks.configFile(facts)
        #expect(result.status == .error)
        #expect(result.summary.contains("mode 644"))
        #expect(result.fix == "chmod 600 /home/u/.config/miditask/config")
    }

    @Test func aConfigFileOfMode600IsOKAndAbsentIsFine() {
        #expect(SettingsChecks.configFile(FakeMachine.healthy).summary.hasSuffix("(mode 600)"))
        var facts = FakeMachine.healthy
        facts.configFile = .absent(path: "/home/u/.config/miditask/config")
        #expect(SettingsChecks.configFile(facts).status == .ok)
    }

    @Test func aMalformedConfigFileGivesItsLine() {
        var facts = FakeMachine.healthy
        facts.configFile = .present(path: "/c", mode: 0o100600, problem: "/c:2: expected name = value")
        let result = SettingsChecks.configFile(facts)
        #expect(result.status == .error)
        #expect(result.summary == "/c:2: expected name = value")
    }

    @Test func theKeySaysWhereItComesFromOnly() {
        let result = SettingsChecks.apiKey(FakeMachine.healthy)
        #expect(result.status == .ok)
        #expect(result.summary == "configured (from /home/u/.config/miditask/config)")
        var facts = FakeMachine.healthy
        facts.apiKeySource = nil
        facts.configFile = .absent(path: "/c")
        #expect(SettingsChecks.apiKey(facts).status == .warning)
    }
}
