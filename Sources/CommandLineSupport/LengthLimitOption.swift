// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser

/// `--max-duration`: play and render refuse a longer song; the listener
/// passes it on to the plays and renders it starts.
public struct LengthLimitOption: ParsableArguments {
    @Option(name: .customLong("max-duration"), help: ArgumentHelp(
        "Refuse a song that would last longer: seconds, or with a unit (90s, 90m, 2h).",
        valueName: "duration"))
    public var maxDuration: DurationText = DurationText(seconds: 3_600, text: "1h")

    public init() {}
}

/// A duration as written on the command line: seconds, or with a unit (90s, 90m, 2h).
public struct DurationText: ExpressibleByArgument, CustomStringConvertible, Sendable {
    public var seconds: Double
    /// As the user wrote it, to pass on unchanged.
    public var text: String

    public init(seconds: Double, text: String) {
        self.seconds = seconds
        self.text = text
    }

    public init?(argument: String) {
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

    public var description: String { text }
    public var defaultValueDescription: String { text }
}
