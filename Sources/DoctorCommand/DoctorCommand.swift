// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Doctor
import FoundationEssentials

/// Where a program's `doctor` finds the task library and the API settings:
/// miditask-api reads them, the playback program alone says it cannot.
public protocol SettingsSource {
    static func settings(environment: [String: String]) -> SettingsFindings
}

/// `doctor [--json]`, the same in both programs but for its settings' source.
public struct DoctorCommand<Source: SettingsSource>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "doctor",
            abstract: "Check what playback needs on this machine, and say how to fix what is missing.",
            discussion: Checkup.about)
    }

    @Flag(help: "Print a JSON object: playbackCanWork, playbackRoutes and checks [{name, status, summary, fix}].")
    var json = false

    public init() {}

    public func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let facts = MachineFacts.gather(environment: environment, settings: Source.settings(environment: environment))
        let checkup = Checkup(facts)
        print(json ? checkup.json : checkup.text, terminator: "")
        if !checkup.playbackCanWork { throw ExitCode(1) }
    }
}
