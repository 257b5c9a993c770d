// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import MIDITask
import Sequencer

/// `--max-duration`: the longest song `render` and `play` take on.
struct LengthLimitOption: ParsableArguments {
    @Option(name: .customLong("max-duration"), help: ArgumentHelp(
        "Refuse a song that would last longer: seconds, or with a unit (90s, 90m, 2h).",
        valueName: "duration"))
    var maxDuration: DurationText = DurationText(seconds: 3_600, text: "1h")

    var limit: LengthLimit { LengthLimit(seconds: maxDuration.seconds) }

    /// Throws before any work when `task`, as selected, lasts too long.
    func check(_ task: MIDITask, song: SongSelection, muted: Set<Int>) throws {
        try limit.check(task, muted: muted, start: song.start.map { Int64(($0 * 1e9).rounded()) },
                        end: song.end.map { Int64(($0 * 1e9).rounded()) }, tempo: song.tempo)
    }
}

/// A duration as typed: "3600", "90s", "90m", "1.5h".
struct DurationText: ExpressibleByArgument, CustomStringConvertible {
    var seconds: Double
    var text: String

    init(seconds: Double, text: String) {
        self.seconds = seconds
        self.text = text
    }

    init?(argument: String) {
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3_600]
        var number = Substring(argument)
        var scale = 1.0
        if let last = number.last, let unit = units[last] {
            scale = unit
            number = number.dropLast()
        }
        guard let value = Double(number), value.isFinite, value > 0 else { return nil }
        seconds = value * scale
        text = argument
    }

    var description: String { text }
    var defaultValueDescription: String { text }
}
