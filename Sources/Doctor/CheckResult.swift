// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// One line of `miditask doctor`: what was checked, how it stands, and the fix.
public struct CheckResult: Sendable, Equatable {
    /// How a check stands.
    public enum Status: String, Sendable, Equatable, Comparable {
        /// Works as playback wants it.
        case ok
        /// Works, but worse than it could (late notes, a fallback), or a
        /// feature beside playback will not work.
        case warning
        /// What this check covers cannot work as things are.
        case error

        public static func < (a: Status, b: Status) -> Bool { a.rank < b.rank }
        private var rank: Int { self == .ok ? 0 : self == .warning ? 1 : 2 }
    }

    /// A short, stable name: "sequencer", "timer", "soundfont"…
    public var name: String
    public var status: Status
    /// What was found, in a few words.
    public var summary: String
    /// What to do about it; nil when there is nothing to do.
    public var fix: String?

    public init(_ name: String, _ status: Status, _ summary: String, fix: String? = nil) {
        self.name = name
        self.status = status
        self.summary = summary
        self.fix = fix
    }

    /// The line as printed: status, name, what was found, then the fix.
    public var line: String {
        let label = status == .ok ? "OK" : status.rawValue
        return pad(label, 8) + pad(name, 12) + summary + (fix.map { " — fix: \($0)" } ?? "")
    }

    /// `{"name", "status", "summary", "fix"}`; `fix` is null when there is none.
    public var json: String {
        "{\"name\": \(JSONText.quote(name)), \"status\": \(JSONText.quote(status.rawValue)), "
            + "\"summary\": \(JSONText.quote(summary)), \"fix\": \(fix.map(JSONText.quote) ?? "null")}"
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text + " " : text + String(repeating: " ", count: width - text.count)
    }
}
