// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
import MIDITask
import Synchronization

/// Keeps callback bodies that were refused as malformed, for a person to
/// inspect, in `<library>/rejected/`. Never a task; never more than `limit`
/// files, so a flood of junk cannot fill the disk.
public final class RejectedBodies: Sendable {
    public let directory: String
    private let limit: Int
    private let count: Mutex<Int>

    public init(libraryDirectory: String, limit: Int = 1000) {
        directory = libraryDirectory + "/rejected"
        self.limit = limit
        let existing = (try? FileManager.default.contentsOfDirectory(atPath: directory).count) ?? 0
        count = Mutex(existing)
    }

    /// Saves a body with the reason it was refused; returns the file's path,
    /// or nil when the folder is full or cannot be written.
    @discardableResult
    public func keep(_ body: [UInt8], reason: String) -> String? {
        let admitted = count.withLock { n in
            guard n < limit else { return false }
            n += 1
            return true
        }
        guard admitted else { return nil }
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true,
                                                 attributes: [.posixPermissions: 0o700])
        let digest = SHA256.hash(data: body).prefix(8).map { String(format: "%02x", $0) }.joined()
        let stamp = Int64(Date().timeIntervalSince1970 * 1000)
        let base = "\(directory)/\(stamp)-\(digest)"
        do {
            try FileOutput.write(body, to: base + ".body", overwrite: true)
            try FileOutput.write(Array((reason + "\n").utf8), to: base + ".reason", overwrite: true)
            return base + ".body"
        } catch {
            return nil
        }
    }
}
