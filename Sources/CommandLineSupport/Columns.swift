// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Table cells and times as both programs print them.
public enum Columns {
    /// `s` filled with spaces to `width` characters, on the right or (for
    /// numbers) on the left.
    public static func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }

    /// Seconds as minutes:seconds.milliseconds, "3:07.250".
    public static func clock(_ seconds: Double) -> String {
        let ms = Int((seconds * 1000).rounded())
        return String(cFormat: "%d:%02d.%03d", ms / 60_000, ms / 1000 % 60, ms % 1000)
    }
}
