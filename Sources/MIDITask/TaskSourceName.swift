// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How a command's SOURCE argument reads.
public enum TaskSourceName {
    /// Whether `source` reads as a task id rather than a path: no slash, not
    /// ending in `.json`, not `-`. A file of that name, when there is one,
    /// still wins.
    public static func looksLikeTaskId(_ source: String) -> Bool {
        !source.isEmpty && source != "-" && !source.contains("/") && !source.lowercased().hasSuffix(".json")
    }
}
