// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import LiveView
import Testing

private func frame(_ rows: [String], width: Int = 10) -> Frame {
    var f = Frame(width: width, height: rows.count)
    for (i, row) in rows.enumerated() { f.put(row, row: i, column: 0) }
    return f
}

@Test func theFirstFrameClearsAndDrawsEveryRow() {
    var writer = ScreenWriter(palette: .color)
    let out = writer.text(frame(["one", "two", "three"]))
    #expect(out.contains("\u{1B}[2J"))
    #expect(out.contains("\u{1B}[1;1Hone") && out.contains("\u{1B}[2;1Htwo") && out.contains("\u{1B}[3;1Hthree"))
    #expect(out.hasPrefix("\u{1B}[?2026h") && out.hasSuffix("\u{1B}[?2026l"))
}

@Test func onlyChangedRowsAreRewrittenAndNothingForNoChange() {
    var writer = ScreenWriter(palette: .color)
    _ = writer.text(frame(["one", "two", "three"]))
    #expect(writer.text(frame(["one", "two", "three"])) == "")
    let out = writer.text(frame(["one", "TWO", "three"]))
    #expect(out.contains("\u{1B}[2;1HTWO"))
    #expect(!out.contains("\u{1B}[1;1H") && !out.contains("\u{1B}[3;1H") && !out.contains("\u{1B}[2J"))
}

@Test func aStyleChangeAloneRewritesTheRow() {
    var writer = ScreenWriter(palette: .color)
    var a = frame(["x"])
    _ = writer.text(a)
    a.set(row: 0, column: 0, "x", style: CellStyle(foreground: 9))
    #expect(writer.text(a).contains("\u{1B}[0;91mx"))
}

@Test func aResizeRedrawsEverything() {
    var writer = ScreenWriter(palette: .color)
    _ = writer.text(frame(["one", "two"]))
    let out = writer.text(frame(["one", "two"], width: 12))
    #expect(out.contains("\u{1B}[2J") && out.contains("\u{1B}[1;1Hone"))
}

@Test func monochromeKeepsAttributesAndDropsColours() {
    var f = Frame(width: 4, height: 1)
    f.put("ab", row: 0, column: 0, style: CellStyle(foreground: 9, bold: true))
    var mono = ScreenWriter(palette: .monochrome)
    let out = mono.text(f)
    #expect(out.contains("\u{1B}[0;1mab"))
    #expect(!out.contains("91"))
}

extension ScreenWriter {
    /// The update as text, to look into.
    mutating func text(_ frame: Frame) -> String { String(decoding: update(to: frame), as: UTF8.self) }
}
