// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How a cell is drawn: a colour (one of the 16 ANSI ones) and attributes.
public struct CellStyle: Hashable, Sendable {
    /// ANSI colour 0–15, nil for the terminal's own.
    public var foreground: UInt8?
    public var bold = false
    public var dim = false
    public var reverse = false

    public init(foreground: UInt8? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }

    public static let plain = CellStyle()
}

/// One screenful: `height` rows of `width` cells, each a character and a style.
///
/// Layout draws into it; `ScreenWriter` turns the difference between two
/// frames into terminal output. Characters are assumed one column wide and
/// one Unicode scalar each (the view draws only such); cells hold scalars,
/// four bytes, so a 200 × 60 frame is cheap to build and compare 20 times a second.
public struct Frame: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var characters: [Unicode.Scalar]
    public private(set) var styles: [CellStyle]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        characters = Array(repeating: " ", count: self.width * self.height)
        styles = Array(repeating: .plain, count: self.width * self.height)
    }

    public subscript(row: Int, column: Int) -> (Unicode.Scalar, CellStyle) {
        let i = row * width + column
        return (characters[i], styles[i])
    }

    /// Writes `text` from (row, column), cut at the right edge. Returns the column after it.
    @discardableResult
    public mutating func put(_ text: String, row: Int, column: Int, style: CellStyle = .plain) -> Int {
        guard (0..<height).contains(row) else { return column }
        var c = column
        for scalar in text.unicodeScalars {
            guard c < width else { break }
            if c >= 0 {
                characters[row * width + c] = scalar
                styles[row * width + c] = style
            }
            c += 1
        }
        return c
    }

    public mutating func set(row: Int, column: Int, _ character: Character, style: CellStyle = .plain) {
        guard (0..<height).contains(row), (0..<width).contains(column) else { return }
        characters[row * width + column] = character.unicodeScalars.first!
        styles[row * width + column] = style
    }

    /// Gives a whole row one style (a title bar, say), keeping its characters.
    public mutating func style(row: Int, _ style: CellStyle) {
        guard (0..<height).contains(row) else { return }
        for c in 0..<width { styles[row * width + c] = style }
    }

    /// The row's characters, trailing spaces kept.
    public func text(row: Int) -> String {
        var text = ""
        text.unicodeScalars.append(contentsOf: characters[(row * width)..<((row + 1) * width)])
        return text
    }

    /// Every row's text, trailing spaces trimmed: what a screen capture would read.
    public var lines: [String] {
        (0..<height).map { row in
            String(text(row: row).reversed().drop(while: { $0 == " " }).reversed())
        }
    }

    func rowEquals(_ other: Frame, row: Int) -> Bool {
        let range = (row * width)..<((row + 1) * width)
        return characters[range] == other.characters[range] && styles[range] == other.styles[range]
    }
}
