// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Glibc
import SystemClock

/// The two programs, and how each finds the other: installed side by side
/// (by the packages, `scripts/install.sh` or a build), so each looks in its
/// own folder.
public enum Companion {
    /// The playback program: play, render, export and the rest.
    public static let playback = "miditask"
    /// The online program: fetch, listen, tasks, and task ids.
    public static let online = "miditask-api"

    /// Where `name` would be: beside this program's own file.
    public static func path(of name: String) -> String {
        (ProgramFile.directory() ?? ".") + "/" + name
    }

    /// Whether `path` is a file this user may run.
    public static func isRunnable(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG && access(path, X_OK) == 0
    }
}
