// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The picture formats Cairo writes, named by the output file's extension.
public enum RollFormat: String, CaseIterable, Sendable {
    case png, svg, pdf

    /// The format a path's extension names (case-insensitively).
    public init(path: String) throws(RollError) {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        guard let dot = name.lastIndex(of: "."),
              let format = RollFormat(rawValue: name[name.index(after: dot)...].lowercased())
        else { throw .unknownFormat(path: path) }
        self = format
    }
}
