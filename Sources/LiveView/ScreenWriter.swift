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

    /// The bytes that bring the screen from the last frame to `frame` ("" if none changed).
    public mutating func update(to frame: Frame) -> String {
        let full = previous.map { $0.width != frame.width || $0.height != frame.height } ?? true
        var out = ""
        if full { out += "\u{1B}[0m\u{1B}[2J" }
        for row in 0..<frame.height where full || !previous!.rowEquals(frame, row: row) {
            out += "\u{1B}[\(row + 1);1H"
            var current = CellStyle.plain
            for column in 0..<frame.width {
                let (character, rawStyle) = frame[row, column]
                let style = palette.adapt(rawStyle)
                if style != current {
                    out += Self.sgr(style)
                    current = style
                }
                out.append(character)
            }
            if current != .plain { out += "\u{1B}[0m" }
        }
        previous = frame
        guard !out.isEmpty else { return "" }
        return "\u{1B}[?2026h" + out + "\u{1B}[?2026l"
    }

    /// The select-graphic-rendition sequence for `style`, from a reset.
    static func sgr(_ style: CellStyle) -> String {
        var codes = ["0"]
        if style.bold { codes.append("1") }
        if style.dim { codes.append("2") }
        if style.reverse { codes.append("7") }
        if let color = style.foreground {
            codes.append(color < 8 ? "\(30 + Int(color))" : "\(90 + Int(color) - 8)")
        }
        return "\u{1B}[" + codes.joined(separator: ";") + "m"
    }
}
