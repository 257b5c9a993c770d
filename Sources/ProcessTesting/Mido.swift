// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Reads MIDI files with mido, a Python parser independent of ours, through
/// python3. Each caller brings the few lines of Python that print what its
/// test compares; the MIDI file's path is the script's first argument.
public enum Mido {
    /// Python or mido could not read a file; the description carries the reason.
    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Runs `script` (Python source that imports mido) on the MIDI file at
    /// `path` and returns what it printed to standard output.
    public static func read(_ path: String, with script: String) throws -> Data {
        try python(["-c", script, path], reading: path)
    }

    /// Runs the Python file at `scriptPath` on the MIDI file at `path` and
    /// returns what it printed to standard output.
    public static func read(_ path: String, withScriptAt scriptPath: String) throws -> Data {
        try python([scriptPath, path], reading: path)
    }

    /// A missing interpreter or module fails the test with the reason, never a skip.
    private static func python(_ arguments: [String], reading path: String) throws -> Data {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run("python3", arguments)
        } catch {
            throw Failure(description: "cannot run python3 to read \(path): \(error)")
        }
        guard outcome.succeeded else {
            throw Failure(description: "mido could not read \(path): \(outcome.stderr)"
                + " (the test set-up installs mido: pip install mido)")
        }
        return outcome.outputData
    }
}
