// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Logging

/// Hummingbird's own log (swift-log) in the listener's line format, so that
/// under systemd its warnings and errors reach the journal at their
/// priority rather than as undated info lines with a timestamp of their own.
struct LogLineHandler: LogHandler {
    var logLevel: Logger.Level
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?
    let write: @Sendable (String) -> Void

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var all = metadata
        if let more = event.metadata { all.merge(more) { _, new in new } }
        let details = all.isEmpty ? "" : " " + all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        write(Self.priority(event.level).prefix + "\(event.message)\(details)")
    }

    static func priority(_ level: Logger.Level) -> LogPriority {
        switch level {
        case .critical, .error: .error
        case .warning: .warning
        case .notice: .notice
        case .info: .info
        case .debug, .trace: .debug
        }
    }
}
