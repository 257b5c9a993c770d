// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A real terminal for a test: a tmux server of its own (a private socket,
/// no user configuration) with one window of a chosen size, running one
/// command. Keys go in with `send-keys`; the screen comes out with `capture-pane`.
///
/// The command runs under a small shell wrapper that records the terminal's
/// settings (`stty -g`) before and after it, then prints `EXIT=<status>` and
/// `STTY=same|changed` on the restored screen, so a test can see how the
/// command left the terminal.
final class TmuxTerminal {
    let socket = "miditask-test-\(UUID().uuidString.prefix(8))"
    let folder: TemporaryFolder

    init(width: Int = 100, height: Int = 30, command: [String], environment: [String: String] = [:]) throws {
        folder = try TemporaryFolder()
        let quoted = command.map { "'" + $0.replacingOccurrences(of: "'", with: #"'\''"#) + "'" }.joined(separator: " ")
        let exports = environment.map { "export \($0.key)='\($0.value)'" }.joined(separator: "\n")
        let script = try folder.write("run.sh", """
            \(exports)
            # Ctrl-C reaches the whole foreground group: the wrapper must outlive it
            # (a trap, not an ignore, so the command still gets the signal).
            trap ':' INT TERM
            before=$(stty -g)
            \(quoted)
            status=$?
            after=$(stty -g)
            echo "EXIT=$status"
            if [ "$before" = "$after" ]; then echo STTY=same; else echo STTY=changed; fi
            sleep 600
            """)
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", "t", "-x", "\(width)", "-y", "\(height)", "sh \(script)"])
    }

    deinit { _ = try? tmux(["kill-server"]) }

    /// Types keys, named as tmux names them ("Space", "Right", "C-c", "q").
    func send(_ keys: String...) throws { try tmux(["send-keys", "-t", "t"] + keys) }

    /// The screen as text, one line per row (with escape sequences for styles when `styled`).
    func screen(styled: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "t"] + (styled ? ["-e"] : []))
    }

    /// The screen for a failure message (never throws).
    var text: String { (try? screen()) ?? "(no screen)" }

    /// Waits until the screen satisfies `predicate` (polling every 50 ms), and returns it;
    /// nil after `timeout` seconds.
    func wait(timeout: Double = 10, until predicate: (String) -> Bool) throws -> String? {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let text = try screen()
            if predicate(text) { return text }
            if Date() > deadline { return nil }
            Thread.sleep(forTimeInterval: 0.05)
        }
    }

    /// Whether the alternate screen is on, and whether the cursor is shown.
    func modes() throws -> (alternateScreen: Bool, cursorShown: Bool) {
        let flags = try tmux(["display-message", "-p", "-t", "t", "#{alternate_on} #{cursor_flag}"])
            .trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ")
        return (flags.first == "1", flags.last == "1")
    }

    /// The process id of the command running in the window (the wrapper's child).
    func commandPID(matching pattern: String) throws -> Int32? {
        let result = try Self.run("/usr/bin/env", ["pgrep", "-f", pattern])
        return result.output.split(separator: "\n").compactMap { Int32($0) }.first
    }

    @discardableResult
    private func tmux(_ arguments: [String]) throws -> String {
        let result = try Self.run("/usr/bin/env", ["tmux", "-L", socket] + arguments)
        guard result.status == 0 else {
            throw TmuxFailure(arguments: arguments, output: result.output)
        }
        return result.output
    }

    /// Runs a program to its end and returns its status and output.
    ///
    /// posix_spawn and waitpid rather than Foundation's Process: the first
    /// tmux call forks the server and exits, and Process was seen never to
    /// notice that exit. The output goes through a file, not a pipe, since
    /// the server inherits it and would keep a pipe open for its whole life.
    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("tmux-out-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, file, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw TmuxFailure(arguments: arguments, output: "spawn failed: \(spawned)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        let exitStatus = (status & 0x7F) == 0 ? (status >> 8) & 0xFF : 128 + (status & 0x7F)
        let output = (try? String(contentsOfFile: file, encoding: .utf8)) ?? ""
        return (exitStatus, output)
    }
}

struct TmuxFailure: Error, CustomStringConvertible {
    var arguments: [String]
    var output: String
    var description: String { "tmux \(arguments.joined(separator: " ")) failed: \(output)" }
}
