// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Glibc

/// Prints warnings to standard error, one per line.
public func printWarnings(_ warnings: [String]) {
    for warning in warnings { printError("warning: \(warning)") }
}

/// Prints one line to standard error.
public func printError(_ line: String) {
    var stderr = StandardError()
    print(line, to: &stderr)
}

/// Standard error, unbuffered, for warnings and progress.
public struct StandardError: TextOutputStream {
    public init() {}

    public mutating func write(_ string: String) {
        Array(string.utf8).withUnsafeBytes { writeAll(2, $0) }
    }
}
