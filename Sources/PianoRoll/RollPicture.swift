// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer

/// Draws a `RollScore` as a piano-roll picture and writes it to a file.
///
/// Time runs left to right under a labelled axis; melodic keys run up the
/// page with a line at every C, labelled with its name; drum keys get a lane
/// of their own below, one row per drum used, labelled with the General
/// MIDI drum name. Each instrument has a colour (listed in the legend);
/// softer notes are lighter.
public struct RollPicture {
    public static let widthRange = 200...16384
    public static let heightRange = 200...16384

    public var score: RollScore
    public var width: Int
    public var height: Int

    public init(score: RollScore, width: Int = 1600, height: Int = 900) {
        self.score = score
        self.width = width
        self.height = height
    }

    /// Writes the picture to `path` in the format its extension names,
    /// through an `AtomicFile`: whole or not at all, and never over an
    /// existing file unless `overwrite`.
    public func write(to path: String, overwrite: Bool) throws(RollError) {
        let format = try RollFormat(path: path)
        let file: AtomicFile
        do { file = try AtomicFile(path: path, overwrite: overwrite) } catch { throw .write(error.description) }
        let sink = StreamSink(file: file)
        // The canvas goes before the commit, so a vector surface has written all it holds.
        do {
            let canvas = try CairoCanvas(format: format, width: width, height: height, sink: sink)
            draw(on: canvas)
            try canvas.finish()
        }
        do { try file.commit() } catch { throw .write(error.description) }
    }

    /// Notes are filled with this opacity and nothing else is, so notes
    /// that overlap stay visible and a vector file's notes can be told apart.
    static let noteAlpha = 0.9

    static let palette: [RGB] = [
        RGB(red: 0.12, green: 0.47, blue: 0.71), RGB(red: 0.84, green: 0.15, blue: 0.16),
        RGB(red: 0.17, green: 0.63, blue: 0.17), RGB(red: 1.00, green: 0.50, blue: 0.05),
        RGB(red: 0.58, green: 0.40, blue: 0.74), RGB(red: 0.55, green: 0.34, blue: 0.29),
        RGB(red: 0.89, green: 0.47, blue: 0.76), RGB(red: 0.09, green: 0.75, blue: 0.81),
        RGB(red: 0.74, green: 0.74, blue: 0.13), RGB(red: 0.30, green: 0.30, blue: 0.30),
    ]
    static let ink = RGB(red: 0.15, green: 0.15, blue: 0.15)
    static let grid = RGB(red: 0.80, green: 0.80, blue: 0.82)
    static let barLine = RGB(red: 0.45, green: 0.45, blue: 0.50)
    static let blackKeyRow = RGB(red: 0.94, green: 0.94, blue: 0.95)

    /// Past the palette, the same hues come back darker, so a big band's
    /// instruments still differ.
    static func color(ofPart index: Int) -> RGB {
        let base = palette[index % palette.count]
        let darken = index / palette.count % 2 == 1 ? 0.6 : 1.0
        return RGB(red: base.red * darken, green: base.green * darken, blue: base.blue * darken)
    }

    /// A note's fill: its part's colour, lighter the softer it is.
    static func shade(_ color: RGB, velocity: Double) -> RGB {
        color.lightened(0.7 * (1 - min(1, max(0, velocity))))
    }

    func draw(on canvas: CairoCanvas) {
        let w = Double(width), h = Double(height)
        canvas.fillRectangle(x: 0, y: 0, width: w, height: h, color: .white)
        let margin = 10.0
        let font = min(12, max(7, h / 70))

        // Title, then the legend under it; legend items wrap.
        canvas.setFont(size: font * 1.2, bold: true)
        let seconds = Double(score.duration) / 1e9
        canvas.text("\(score.title) — \(RollTime.clock(seconds)), \(score.parts.reduce(0) { $0 + $1.notes.count }) notes",
                    x: margin, y: margin + font * 1.2, color: Self.ink)
        canvas.setFont(size: font)
        var legendX = margin, legendY = margin + font * 1.2 + font * 1.6
        for (index, part) in score.parts.enumerated() {
            // Numbered as `info` numbers them: tasks often have several parts of one name.
            let label = "\(index + 1) \(part.name)" + (part.isDrum ? " (drums)" : "")
            let itemWidth = font * 1.4 + canvas.textWidth(label) + font * 1.5
            if legendX + itemWidth > w - margin, legendX > margin { legendX = margin; legendY += font * 1.5 }
            canvas.fillRectangle(x: legendX, y: legendY - font * 0.85, width: font, height: font, color: Self.color(ofPart: index))
            canvas.text(label, x: legendX + font * 1.4, y: legendY, color: Self.ink)
            legendX += itemWidth
        }

        // The plot: labels on the left, the axis below.
        let melodic = score.melodicRange.map { range -> ClosedRange<Int> in
            // Whole octaves, so the C lines frame the notes.
            (Int(range.lowerBound) / 12 * 12)...(min(127, Int(range.upperBound) / 12 * 12 + 11))
        }
        let drums = score.drumKeys
        let drumLabels = drums.map { GeneralMIDI.percussionName($0) }
        let labelWidth = max(canvas.textWidth("C#10"), drumLabels.map { canvas.textWidth($0) }.max() ?? 0) + 2 * margin
        let left = margin + labelWidth, right = w - margin
        let top = legendY + font, bottom = h - margin - font * 2.6
        let melodicRows = melodic.map { $0.count } ?? 0
        let gap = melodicRows > 0 && !drums.isEmpty ? 1.0 : 0.0
        let rowHeight = max(0.5, (bottom - top) / (Double(melodicRows + drums.count) + gap))
        let drumTop = top + (Double(melodicRows) + gap) * rowHeight
        let span = Double(max(1, score.end - score.start))
        func x(_ time: Int64) -> Double { left + (right - left) * Double(time - score.start) / span }

        // Rows: black keys shaded, a line under every C with its name.
        if let melodic {
            for key in melodic {
                let y = top + Double(melodic.upperBound - key) * rowHeight
                if [1, 3, 6, 8, 10].contains(key % 12) {
                    canvas.fillRectangle(x: left, y: y, width: right - left, height: rowHeight, color: Self.blackKeyRow)
                }
            }
            for key in melodic where key % 12 == 0 {
                let y = top + Double(melodic.upperBound - key + 1) * rowHeight
                canvas.line(from: (left, y), to: (right, y), color: Self.grid)
                let name = GeneralMIDI.noteName(UInt8(key))
                canvas.text(name, x: left - margin - canvas.textWidth(name), y: y - max(1, (rowHeight - font * 0.75) / 2), color: Self.ink)
            }
        }
        if !drums.isEmpty {
            let drumFont = min(font, max(5, rowHeight * 0.85))
            canvas.setFont(size: drumFont)
            for (row, label) in drumLabels.enumerated() {
                let y = drumTop + Double(row) * rowHeight
                if row % 2 == 1 { canvas.fillRectangle(x: left, y: y, width: right - left, height: rowHeight, color: Self.blackKeyRow) }
                canvas.text(label, x: left - margin - canvas.textWidth(label), y: y + (rowHeight + drumFont * 0.7) / 2, color: Self.ink)
            }
            canvas.line(from: (left, drumTop), to: (right, drumTop), color: Self.ink)
            canvas.setFont(size: font)
        }

        // Time: a grid line and a label at each tick.
        let step = RollTime.tickStep(span: span / 1e9, pixels: right - left, minimumSpacing: font * 7)
        var tick = (Double(score.start) / 1e9 / step).rounded(.up) * step
        while tick <= Double(score.end) / 1e9 + 1e-9 {
            let tx = x(Int64((tick * 1e9).rounded()))
            canvas.line(from: (tx, top), to: (tx, bottom), color: Self.grid)
            canvas.line(from: (tx, bottom), to: (tx, bottom + font * 0.4), color: Self.ink)
            let label = RollTime.clock(tick, step: step)
            canvas.text(label, x: min(right - canvas.textWidth(label), max(left, tx - canvas.textWidth(label) / 2)),
                        y: bottom + font * 1.5, color: Self.ink)
            tick += step
        }
        // Bar lines, darker than the time grid, numbered above the plot
        // (every bar, or every fourth where bars are close).
        let shown = score.barLines.enumerated().filter { $0.element >= score.start && $0.element <= score.end }
        if let first = shown.first, shown.count > 1 {
            let spacing = x(shown[1].element) - x(first.element)
            let every = spacing >= font * 2.5 ? 1 : 4
            for (index, time) in shown {
                let bx = x(time)
                canvas.line(from: (bx, top), to: (bx, bottom), color: Self.barLine)
                if index % every == 0 {
                    canvas.text("\(index + 1)", x: bx + 2, y: top - font * 0.3, color: Self.barLine)
                }
            }
        }
        canvas.line(from: (left, bottom), to: (right, bottom), color: Self.ink)
        canvas.line(from: (left, top), to: (left, bottom), color: Self.ink)

        // The notes, clipped to the plot; at least a pixel wide so a drum hit shows.
        canvas.clip(x: left, y: top, width: right - left, height: bottom - top)
        for (index, part) in score.parts.enumerated() {
            let color = Self.color(ofPart: index)
            for note in score.visibleNotes(of: part) {
                let y: Double
                if part.isDrum {
                    guard let row = drums.firstIndex(of: note.pitch) else { continue }
                    y = drumTop + Double(row) * rowHeight
                } else {
                    guard let melodic else { continue }
                    y = top + Double(melodic.upperBound - Int(note.pitch)) * rowHeight
                }
                let x0 = x(note.start), x1 = max(x(note.end), x0 + (part.isDrum ? 3 : 1.5))
                canvas.fillRectangle(x: x0, y: y + rowHeight * 0.08, width: x1 - x0, height: rowHeight * 0.84,
                                     color: Self.shade(color, velocity: note.velocity), alpha: Self.noteAlpha)
            }
        }
        canvas.resetClip()
    }
}

/// Times as the axis and the terminal ruler print them.
enum RollTime {
    /// `m:ss`, with tenths (or hundredths) when ticks are that close.
    static func clock(_ seconds: Double, step: Double = 1) -> String {
        let decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2
        let scale = decimals == 0 ? 1.0 : decimals == 1 ? 10.0 : 100.0
        let total = Int((seconds * scale).rounded())
        let whole = total / Int(scale), fraction = total % Int(scale)
        let base = "\(whole / 60):" + (whole % 60 < 10 ? "0" : "") + "\(whole % 60)"
        guard decimals > 0 else { return base }
        let digits = String(fraction)
        return base + "." + String(repeating: "0", count: decimals - digits.count) + digits
    }

    /// The smallest friendly step (seconds) that keeps ticks `minimumSpacing` apart.
    static func tickStep(span: Double, pixels: Double, minimumSpacing: Double) -> Double {
        let steps = [0.05, 0.1, 0.2, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1200, 1800, 3600]
        for step in steps where pixels * step / max(span, 1e-9) >= minimumSpacing { return step }
        return steps.last!
    }
}
