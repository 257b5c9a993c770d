// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CommandLineSupport
import MIDITask
import Sequencer

extension LengthLimitOption {
    var limit: LengthLimit { LengthLimit(seconds: maxDuration.seconds) }

    /// Throws before any work when `task`, as selected, lasts too long.
    func check(_ task: MIDITask, song: SongSelection, muted: Set<Int>) throws {
        try limit.check(task, muted: muted, start: song.start.map { Int64(($0 * 1e9).rounded()) },
                        end: song.end.map { Int64(($0 * 1e9).rounded()) }, tempo: song.tempo)
    }
}
