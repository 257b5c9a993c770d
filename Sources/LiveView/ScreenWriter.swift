// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Turns frames into terminal output, sending only the rows that changed.
///
/// The first frame, and any frame of another size (a resize), clears the
/// screen and draws every row; after that a row is rewritten only when a
/// cell in it differs. Each update is one string for one `write`, wrapped
/// in the synchronized-update mode terminals that know it use to show the
/// frame at once (others ignore it): no flicker either way.
public struct ScreenWriter: Sendable {
    private var previous: Frame?
    public let palette: Palette

    public init(palette: Palette) { self.palette = palette }

    /// Forgets what is on screen, so the next update redraws everything.
    public mutating func invalidate() { previous = nil }

    /// The bytes that bring the screen from the last frame to `frame` (none if nothing changed).
    public mutating func update(to frame: Frame) -> [UInt8] {
        let full = previous.map { $0.width != frame.width || $0.height != frame.height } ?? true
        var out: [UInt8] = []
        out.reserveCapacity(full ? frame.width * frame.height * 2 : 4096)
        if full { out += Array("\u{1B}[0m\u{1B}[2J".utf8) }
        for row in 0..<frame.height where full || !previous!.rowEquals(frame, row: row) {
            out += Array("\u{1B}[\(row + 1);1H".utf8)
            var current = CellStyle.plain
            for column in 0..<frame.width {
                let (character, rawStyle) = frame[row, column]
                let style = palette.adapt(rawStyle)
                if style != current {
                    Self.appendSGR(style, to: &out)
                    current = style
                }
                if character.isASCII {
                    out.append(UInt8(character.value))
                } else {
                    UTF8.encode(character) { out.append($0) }
                }
            }
            if current != .plain { out += [0x1B, 0x5B, 0x30, 0x6D] }  // ESC [ 0 m
        }
        previous = frame
        guard !out.isEmpty else { return [] }
        return Array("\u{1B}[?2026h".utf8) + out + Array("\u{1B}[?2026l".utf8)
    }

    /// The select-graphic-rendition sequence for `style`, from a reset.
    static func appendSGR(_ style: CellStyle, to out: inout [UInt8]) {
        out += [0x1B, 0x5B, 0x30]  // ESC [ 0
        if style.bold { out += [0x3B, 0x31] }
        if style.dim { out += [0x3B, 0x32] }
        if style.reverse { out += [0x3B, 0x37] }
        if let color = style.foreground {
            let code = color < 8 ? 30 + Int(color) : 90 + Int(color) - 8
            out += [0x3B, UInt8(0x30 + code / 10), UInt8(0x30 + code % 10)]
        }
        out.append(0x6D)  // m
    }
}
