// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Turns the listener's messages into the lines it writes to standard error:
/// for the journal, each line with its `<N>` priority prefix (info when the
/// message has none) and no timestamp, since journald adds its own; for a
/// person, the text alone.
public struct LogLine: Sendable {
    public let forJournal: Bool

    public init(forJournal: Bool) {
        self.forJournal = forJournal
    }

    /// Journal format when `$JOURNAL_STREAM` names the very stream standard
    /// error is (systemd sets it for a service's output; a child whose
    /// stderr was redirected elsewhere inherits the variable but not the stream).
    public static func forStandardError(environment: [String: String]) -> LogLine {
        guard let stream = environment["JOURNAL_STREAM"] else { return LogLine(forJournal: false) }
        let parts = stream.split(separator: ":")
        var st = stat()
        guard parts.count == 2, let device = UInt64(parts[0]), let inode = UInt64(parts[1]), fstat(2, &st) == 0 else {
            return LogLine(forJournal: false)
        }
        return LogLine(forJournal: UInt64(st.st_dev) == device && UInt64(st.st_ino) == inode)
    }

    /// The lines to write for `message` (which may carry a priority prefix).
    public func format(_ message: String) -> String {
        var priority = LogPriority.info
        var text = Substring(message)
        if text.count >= 3, text.first == "<", let close = text.dropFirst().firstIndex(of: ">"),
           let value = Int(text[text.index(after: text.startIndex)..<close]), let known = LogPriority(rawValue: value) {
            priority = known
            text = text[text.index(after: close)...]
        }
        guard forJournal else { return String(text) }
        // journald reads each line on its own, so each carries the priority.
        return text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { priority.prefix + $0 }.joined(separator: "\n")
    }
}
