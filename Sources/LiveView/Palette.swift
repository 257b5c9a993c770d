// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How much of the terminal's styling the view may use.
public enum Palette: Sendable, Hashable {
    /// 16 colours and attributes.
    case color
    /// Attributes (bold, reverse) but no colour: instruments are told apart
    /// by their key in the roll.
    case monochrome

    /// What the environment allows: `NO_COLOR` (any value but empty) turns
    /// colour off, as no-color.org asks; so does a terminal type not known
    /// to have colour.
    public static func from(environment: [String: String]) -> Palette {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .monochrome }
        let term = environment["TERM"] ?? ""
        let colorTerms = ["color", "xterm", "screen", "tmux", "rxvt", "linux", "kitty", "alacritty", "foot", "wezterm"]
        if environment["COLORTERM"] != nil || colorTerms.contains(where: { term.contains($0) }) { return .color }
        return .monochrome
    }

    /// Whether a terminal of this type can run the live view at all (it moves the cursor).
    public static func canDrawScreens(environment: [String: String]) -> Bool {
        let term = environment["TERM"] ?? ""
        return !term.isEmpty && term != "dumb"
    }

    /// The style as this palette can show it.
    public func adapt(_ style: CellStyle) -> CellStyle {
        switch self {
        case .color: return style
        case .monochrome: return CellStyle(bold: style.bold, reverse: style.reverse)
        }
    }

    /// Instrument colours, in turn: bright, distinct, readable on dark and light backgrounds.
    static let instrumentColors: [UInt8] = [9, 10, 12, 11, 13, 14, 1, 2, 4, 3, 5, 6]

    static func instrumentColor(_ index: Int) -> UInt8 { instrumentColors[index % instrumentColors.count] }
}
