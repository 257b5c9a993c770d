// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Which key does what in the live player.
///
/// Stateful for one binding: `s` waits for a digit and solos that
/// instrument; any other key after `s` cancels it and does its own thing.
public struct KeyMap: Sendable {
    /// After `s`: the next digit solos.
    public private(set) var awaitingSolo = false

    public init() {}

    public static let seekStep = 5.0
    public static let pageStep = 30.0
    public static let tempoStep = 0.05

    public mutating func command(for key: Key) -> LiveCommand? {
        let solo = awaitingSolo
        awaitingSolo = false
        if case .character(let c) = key, let index = Self.instrumentIndex(c) {
            return solo ? .toggleSolo(index) : .toggleMute(index)
        }
        switch key {
        case .character(" "): return .togglePause
        case .left: return .seek(by: -Self.seekStep)
        case .right: return .seek(by: Self.seekStep)
        case .pageUp: return .seek(by: -Self.pageStep)
        case .pageDown: return .seek(by: Self.pageStep)
        case .home: return .seekToStart
        case .character("["): return .tempo(by: -Self.tempoStep)
        case .character("]"): return .tempo(by: Self.tempoStep)
        case .character("s"), .character("S"):
            awaitingSolo = !solo
            return nil
        case .character("a"): return .setLoopStart
        case .character("b"): return .setLoopEnd
        case .character("l"): return .toggleLoop
        case .character("?"), .character("h"): return .toggleHelp
        case .character("q"), .character("Q"), .escape: return .quit
        default: return nil
        }
    }

    /// `1`–`9` are instruments 1–9, `0` is instrument 10 (0-based 0–9).
    static func instrumentIndex(_ c: Character) -> Int? {
        guard let digit = c.wholeNumberValue, c.isASCII else { return nil }
        return digit == 0 ? 9 : digit - 1
    }

    /// The key that mutes instrument `index` (0-based), if there is one.
    public static func keyLabel(forInstrument index: Int) -> Character? {
        switch index {
        case 0..<9: return Character(String(index + 1))
        case 9: return "0"
        default: return nil
        }
    }

    /// The one-line summary shown at the bottom of the view, and a shorter one for 80 columns.
    public static let helpLine =
        "space pause  ←/→ 5s  PgUp/PgDn 30s  Home start  [ ] tempo  1-0 mute  s+N solo  a b l loop  ? help  q quit"
    public static let shortHelpLine = "space pause  ←→ seek  [ ] tempo  1-0 mute  s+N solo  a b l loop  ? help  q quit"

    /// The full list shown by `?`.
    public static let helpText: [(keys: String, action: String)] = [
        ("space", "pause / resume"),
        ("← / →", "back / forward 5 seconds"),
        ("PgUp / PgDn", "back / forward 30 seconds"),
        ("Home", "back to the start"),
        ("[ / ]", "tempo −5 % / +5 %"),
        ("1 … 9, 0", "mute / unmute instrument 1 … 10"),
        ("s then 1 … 0", "solo instrument 1 … 10 (again to clear)"),
        ("a / b", "loop starts / ends at the playhead"),
        ("l", "loop on / off"),
        ("?", "this help on / off"),
        ("q, Esc", "quit (Ctrl-C also stops, exit 130)"),
    ]
}
