// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How much a log line matters, as syslog and journald rank it.
///
/// The listener's messages start with the `<N>` prefix of systemd's
/// sd-daemon convention; `LogLine` keeps it when standard error is the
/// journal (which files the line at that priority) and drops it otherwise.
public enum LogPriority: Int, Sendable, CaseIterable {
    case error = 3
    case warning = 4
    case notice = 5
    case info = 6
    case debug = 7

    public var prefix: String { "<\(rawValue)>" }
}
