// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The rules a task id must follow to be stored.
///
/// An id is only ever a value in the database, never a path; these limits
/// keep it printable and small so it cannot break listings or terminals.
public enum TaskID {
    public static let maxBytes = 256

    public static func validate(_ id: String) throws(DeliveryError) {
        if id.isEmpty { throw .badTaskId("empty") }
        if id.utf8.count > maxBytes { throw .badTaskId("longer than \(maxBytes) bytes") }
        if id.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7f }) {
            throw .badTaskId("contains control characters")
        }
    }

    /// Whether the id can be a file name and a command-line argument as it is
    /// (letters, digits, `.`, `_`, `-`; not starting with `.` or `-`).
    public static func isPlain(_ id: String) -> Bool {
        guard let first = id.utf8.first, first != UInt8(ascii: "."), first != UInt8(ascii: "-"),
              id.utf8.count <= 128 else { return false }
        return id.utf8.allSatisfy { b in
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a)
                || b == UInt8(ascii: ".") || b == UInt8(ascii: "_") || b == UInt8(ascii: "-")
        }
    }
}
