// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// scripts/install.sh with the binary the tests run, into a staging root:
/// every file where the README says, and a man page that is valid roff.
@Suite(.serialized) struct InstallScriptTests {
    struct Output {
        var status: Int32
        var text: String
    }

    /// Runs a program with standard output and error together, as a log.
    static func run(_ program: String, _ arguments: [String], environment: [String: String] = [:]) throws -> Output {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        process.currentDirectoryURL = CommandRunner.packageRoot
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Output(status: process.terminationStatus, text: String(decoding: data, as: UTF8.self))
    }

    static func which(_ name: String) -> String? {
        ["/usr/bin", "/bin", "/usr/local/bin"].map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    static let script = CommandRunner.packageRoot.appendingPathComponent("scripts/install.sh").path

    @Test(.timeLimit(.minutes(20)))
    func installsBinaryCompletionsAndManPageUnderDestdirAndPrefix() throws {
        let folder = try TemporaryFolder()
        let stage = folder.path("stage")
        let api = CommandRunner.executable.deletingLastPathComponent().appendingPathComponent("miditask-api").path
        let result = try Self.run("/bin/bash", [Self.script, "--destdir", stage, "--prefix", "/opt/miditask",
                                                "--binary", CommandRunner.executable.path, "--api-binary", api])
        try #require(result.status == 0, "install.sh failed:\n\(result.text)")

        let root = stage + "/opt/miditask"
        let binary = root + "/bin/miditask"
        #expect(FileManager.default.isExecutableFile(atPath: binary))
        let version = try Self.run(binary, ["--version"])
        #expect(version.status == 0 && version.text.hasPrefix("miditask "))

        // Each completion script is the one the binary generates for its shell.
        let completions = [
            ("bash", "/share/bash-completion/completions/miditask"),
            ("zsh", "/share/zsh/site-functions/_miditask"),
            ("fish", "/share/fish/vendor_completions.d/miditask.fish"),
        ]
        for (shell, path) in completions {
            let installed = try String(contentsOfFile: root + path, encoding: .utf8)
            let generated = try Self.run(CommandRunner.executable.path, ["--generate-completion-script", shell])
            #expect(!installed.isEmpty && installed == generated.text, "\(shell) completion differs")
        }
        #expect(try String(contentsOfFile: root + "/share/zsh/site-functions/_miditask", encoding: .utf8).hasPrefix("#compdef miditask"))

        let manPage = root + "/share/man/man1/miditask.1"
        let roff = try String(contentsOfFile: manPage, encoding: .utf8)
        #expect(roff.contains(".Nm miditask"))
        // Every subcommand is documented on the page.
        for sub in ["info", "export", "play", "render", "ports", "fetch", "listen", "tasks", "panic", "roll", "bench", "doctor"] {
            #expect(roff.contains(sub), "man page lacks \(sub)")
        }

        // The online program beside it, with its own page of its commands.
        #expect(FileManager.default.isExecutableFile(atPath: root + "/bin/miditask-api"))
        let apiVersion = try Self.run(root + "/bin/miditask-api", ["--version"])
        #expect(apiVersion.status == 0 && apiVersion.text.hasPrefix("miditask-api "))
        let apiPage = try String(contentsOfFile: root + "/share/man/man1/miditask-api.1", encoding: .utf8)
        #expect(apiPage.contains(".Dt MIDITASK-API 1") && apiPage.contains(".Nm miditask-api"))
        for sub in ["fetch", "listen", "tasks", "--base-url", "--on-complete"] {
            #expect(apiPage.contains(sub), "miditask-api's man page lacks \(sub)")
        }
        // Installed side by side, miditask hands it the online commands.
        let tasks = try Self.run(binary, ["tasks", "--library", stage + "/library"])
        #expect(tasks.status == 0 && tasks.text.hasPrefix("no tasks in "), "\(tasks.text)")
    }

    @Test(.timeLimit(.minutes(20)))
    func theManPageIsRoffThatGroffAndManRenderWithoutWarnings() throws {
        let folder = try TemporaryFolder()
        let result = try Self.run("/bin/bash", [Self.script, "--prefix", folder.path("usr"),
                                                "--binary", CommandRunner.executable.path])
        try #require(result.status == 0, "install.sh failed:\n\(result.text)")
        let manPage = folder.path("usr/share/man/man1/miditask.1")

        // -ww: all warnings; -z: parse and format, print nothing.
        let check = try Self.run(Self.which("groff")!, ["-mandoc", "-Tutf8", "-ww", "-z", manPage])
        #expect(check.status == 0 && check.text.isEmpty, "groff: \(check.text)")

        if let man = Self.which("man") {
            let page = try Self.run(man, ["-l", manPage], environment: ["MANPAGER": "cat", "PAGER": "cat", "MANWIDTH": "80"])
            #expect(page.status == 0)
            #expect(page.text.contains("SYNOPSIS") && page.text.contains("miditask"), "man -l: \(page.text.prefix(400))")
            // generate-manual alone drops non-ASCII text; the install keeps it.
            #expect(page.text.contains("GM program (0–127)"))
        }
    }

    @Test func refusesARelativePrefix() throws {
        let result = try Self.run("/bin/bash", [Self.script, "--prefix", "relative", "--binary", CommandRunner.executable.path])
        #expect(result.status != 0)
        #expect(result.text.contains("--prefix must be an absolute path"))
    }
}
