// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Where the local library of tasks lives.
///
/// `--library DIR` wins, then `$MIDITASK_LIBRARY`, then `$XDG_DATA_HOME/miditask`,
/// then `~/.local/share/miditask`, as the XDG base directory spec says.
public enum LibraryLocation {
    /// The library folder for an explicit option and an environment (pass
    /// `ProcessInfo.processInfo.environment`; tests pass their own).
    public static func resolve(option: String?, environment: [String: String]) throws(TaskAPIError) -> String {
        if let option, !option.isEmpty { return option }
        if let dir = environment["MIDITASK_LIBRARY"], !dir.isEmpty { return dir }
        // The spec says a relative XDG path is invalid and must be ignored.
        if let xdg = environment["XDG_DATA_HOME"], xdg.hasPrefix("/") { return xdg + "/miditask" }
        guard let home = environment["HOME"], !home.isEmpty else {
            throw .configuration("cannot find the task library: set --library, MIDITASK_LIBRARY or HOME")
        }
        return home + "/.local/share/miditask"
    }
}
