// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Sequencer

/// Lays a `LiveModel` out on a screen of a given size.
///
/// From the top: a title bar (state, position, tempo, loop), the task and
/// the output, a progress bar, one row per instrument, the piano roll
/// around the playhead with its ruler, a message line and the key help.
/// The roll takes what the other parts leave; with many instruments the
/// table is cut to leave the roll at least `minimumRollRows`. Pure: the
/// same model and size always give the same frame.
public struct LiveLayout: Sendable {
    public var width: Int
    public var height: Int
    /// Without colour, a note is drawn with its instrument's key all along, not a block.
    public var palette: Palette

    /// The size the view is designed for; smaller still draws, cut.
    public static let minimumSize = (width: 80, height: 24)
    /// Below this nothing useful fits: a notice is shown instead.
    public static let tooSmall = (width: 40, height: 12)
    static let minimumRollRows = 6
    /// Seconds of song per roll column.
    static let secondsPerColumn = 0.1
    static let labelWidth = 5

    public init(width: Int, height: Int, palette: Palette = .color) {
        self.width = width
        self.height = height
        self.palette = palette
    }

    public func frame(for model: LiveModel) -> Frame {
        var frame = Frame(width: width, height: height)
        if width < Self.tooSmall.width || height < Self.tooSmall.height {
            frame.put("miditask: too small", row: 0, column: 0)
            frame.put("wants \(Self.minimumSize.width)×\(Self.minimumSize.height), has \(width)×\(height)", row: 1, column: 0)
            frame.put("q quits", row: 2, column: 0)
            return frame
        }
        drawTitle(model, into: &frame)
        frame.put(" task " + (model.taskId ?? "(no id)") + "   → " + model.output, row: 1, column: 0)
        drawProgress(model, row: 2, into: &frame)

        // Fixed rows: title, task, progress, table header, roll title, ruler, message, help.
        let free = height - 8
        let tableRows = min(model.instruments.count, max(1, free - Self.minimumRollRows))
        if model.showHelp {
            // The key list covers the table and the roll.
            drawHelp(top: 3, rows: height - 5, into: &frame)
        } else {
            drawInstruments(model, firstRow: 3, rows: tableRows, into: &frame)
            let rollTop = 4 + tableRows
            drawRoll(model, top: rollTop, rows: height - 3 - rollTop - 1, into: &frame)
        }
        if let message = model.message ?? (model.awaitingSolo ? "solo: press 1 … 9 or 0" : nil) {
            frame.put(" " + message, row: height - 2, column: 0, style: CellStyle(bold: true))
        }
        let help = KeyMap.helpLine.count < width ? KeyMap.helpLine : KeyMap.shortHelpLine
        frame.put(" " + help, row: height - 1, column: 0, style: CellStyle(dim: true))
        return frame
    }

    // MARK: Parts

    private func drawTitle(_ model: LiveModel, into frame: inout Frame) {
        let state: String
        switch model.state {
        case .playing: state = "▶ playing"
        case .paused: state = "‖ paused"
        case .ended: state = "■ ended"
        }
        var line = " miditask  \(state)  \(clockText(model.position)) / \(clockText(model.duration))"
        if let bar = model.meter?.position(at: model.position) { line += "  bar \(bar)" }
        line += "  tempo \(Int((model.tempo * 100).rounded())) %"
        let loop = model.loop
        if loop.start != nil || loop.end != nil || loop.isOn {
            let a = loop.start.map(clockText) ?? "start", b = loop.end.map(clockText) ?? "end"
            line += "  loop \(a)–\(b) " + (loop.isOn ? "on" : "off")
        }
        frame.put(line, row: 0, column: 0)
        frame.style(row: 0, CellStyle(bold: true, reverse: true))
    }

    private func drawProgress(_ model: LiveModel, row: Int, into frame: inout Frame) {
        let inner = width - 2
        guard inner > 2, model.duration > 0 else { return }
        func column(_ seconds: Double) -> Int {
            1 + min(inner - 1, max(0, Int((seconds / model.duration * Double(inner)).rounded(.down))))
        }
        frame.set(row: row, column: 0, "├")
        frame.set(row: row, column: width - 1, "┤")
        let head = column(model.position)
        for c in 1...inner {
            frame.set(row: row, column: c, c < head ? "━" : "─", style: c < head ? CellStyle(foreground: 12) : .plain)
        }
        let loopStyle = CellStyle(foreground: 11, bold: true)
        if let a = model.loop.start { frame.set(row: row, column: column(a), "[", style: loopStyle) }
        if let b = model.loop.end { frame.set(row: row, column: column(b), "]", style: loopStyle) }
        frame.set(row: row, column: head, "●", style: CellStyle(bold: true))
    }

    /// Column widths of the instrument table for this screen width.
    struct TableColumns {
        var name: Int
        var port: Int
        var meter: Int
    }

    func tableColumns(_ model: LiveModel) -> TableColumns {
        let hasPorts = model.instruments.contains { $0.port != nil }
        let port = hasPorts ? max(10, min(24, width / 6)) : 0
        // "nnn " + name + "  ch     " + port + "  " + "state  " + meter + " nn"
        let fixed = 4 + 9 + (hasPorts ? port + 2 : 0) + 7 + 4
        let longest = model.instruments.map(\.name.count).max() ?? 10
        let name = max(10, min(longest, 30, width - fixed - 8))
        let meter = max(8, width - fixed - name - 1)
        return TableColumns(name: name, port: port, meter: meter)
    }

    private func drawInstruments(_ model: LiveModel, firstRow: Int, rows: Int, into frame: inout Frame) {
        let cols = tableColumns(model)
        var header = "  # " + pad("instrument", cols.name) + "  ch     "
        if cols.port > 0 { header += pad("port", cols.port) + "  " }
        header += "mix    sounding"
        frame.put(header, row: firstRow, column: 0, style: CellStyle(bold: true))
        let shown = model.instruments.count > rows ? rows - 1 : rows
        for (i, instrument) in model.instruments.prefix(max(0, shown)).enumerated() {
            let row = firstRow + 1 + i
            let color = Palette.instrumentColor(i)
            let dim = !instrument.audible
            var c = frame.put(pad(String(i + 1), 3, right: true), row: row, column: 0,
                              style: CellStyle(foreground: color, bold: true))
            c = frame.put(" " + pad(instrument.name, cols.name), row: row, column: c, style: CellStyle(dim: dim))
            c = frame.put("  " + pad(instrument.isDrum ? "10 dr" : String(instrument.channel), 5) + "  ", row: row, column: c,
                          style: CellStyle(dim: dim))
            if cols.port > 0 {
                c = frame.put(pad(instrument.port ?? "main", cols.port) + "  ", row: row, column: c, style: CellStyle(dim: dim))
            }
            let state = instrument.muted ? "MUTE " : instrument.soloed ? "SOLO " : instrument.audible ? "on   " : "--   "
            let stateStyle = instrument.muted ? CellStyle(foreground: 9, bold: true)
                : instrument.soloed ? CellStyle(foreground: 11, bold: true) : CellStyle(dim: !instrument.audible)
            c = frame.put(state, row: row, column: c, style: stateStyle)
            c = frame.put("  ", row: row, column: c)
            c = drawMeter(instrument, width: cols.meter, row: row, column: c, color: color, into: &frame)
            if instrument.sounding > 0 { frame.put(" \(instrument.sounding)", row: row, column: c) }
        }
        if model.instruments.count > rows {
            frame.put("  … and \(model.instruments.count - shown) more (a taller terminal shows them)",
                      row: firstRow + rows, column: 0, style: CellStyle(dim: true))
        }
    }

    /// A bar as long as the loudest sounding note is loud, in eighths of a cell.
    private func drawMeter(_ instrument: LiveModel.InstrumentRow, width: Int, row: Int, column: Int, color: UInt8,
                           into frame: inout Frame) -> Int {
        let eighths = instrument.sounding == 0 ? 0 : max(1, Int(instrument.loudest) * width * 8 / 127)
        let partial: [Character] = [" ", "▏", "▎", "▍", "▌", "▋", "▊", "▉"]
        for cell in 0..<width {
            let filled = eighths - cell * 8
            let character: Character = filled >= 8 ? "█" : filled > 0 ? partial[filled] : "·"
            frame.set(row: row, column: column + cell, character,
                      style: filled > 0 ? CellStyle(foreground: color) : CellStyle(dim: true))
        }
        return column + width
    }

    private func drawHelp(top: Int, rows: Int, into frame: inout Frame) {
        frame.put("── keys " + String(repeating: "─", count: max(0, width - 8)), row: top, column: 0, style: CellStyle(dim: true))
        for (i, entry) in KeyMap.helpText.enumerated() where i + 1 < rows {
            let c = frame.put("  " + pad(entry.keys, 14), row: top + 1 + i, column: 0, style: CellStyle(bold: true))
            frame.put(entry.action, row: top + 1 + i, column: c)
        }
    }

    // MARK: Roll

    private func drawRoll(_ model: LiveModel, top: Int, rows: Int, into frame: inout Frame) {
        let columns = width - Self.labelWidth
        let playhead = columns / 4
        let now = Int64((model.position * 1e9).rounded())
        // Columns in whole nanoseconds, so a note lands on the same column in every frame.
        let step = Int64((Self.secondsPerColumn * 1e9).rounded())
        let from = now - Int64(playhead) * step, to = from + Int64(columns) * step
        func column(_ t: Int64) -> Int64 {
            let d = t - from
            return d >= 0 ? d / step : -((-d + step - 1) / step)
        }
        let windowStart = Double(from) / 1e9
        let title = "── roll " + clockText(max(0, windowStart)) + " … "
            + clockText(windowStart + Double(columns) * Self.secondsPerColumn) + " "
        frame.put(title + String(repeating: "─", count: max(0, width - title.count)), row: top, column: 0,
                  style: CellStyle(dim: true))
        let body = top + 1
        guard rows > 0, columns > 10 else { return }
        let hasDrums = model.notes.map { notes in notes.isDrum.indices.contains { notes.isDrum[$0] && !notes.instruments[$0].isEmpty } } ?? false
        let drumRows = hasDrums ? (rows >= 12 ? 2 : 1) : 0
        let melodicRows = rows - drumRows
        let range = model.notes?.melodicRange
        let low = Int(range?.lowerBound ?? 60), high = Int(range?.upperBound ?? 72)
        let perRow = max(1, (high - low + 1 + melodicRows - 1) / max(1, melodicRows))
        // The top row holds the highest keys; rows run down from there.
        let topKey = min(127, low + perRow * melodicRows - 1)

        func rowOf(key: Int, drum: Bool) -> Int? {
            if drum {
                guard drumRows > 0 else { return nil }
                return body + melodicRows + (drumRows == 2 && key < 41 ? 1 : 0)
            }
            let r = (topKey - key) / perRow
            return (0..<melodicRows).contains(r) ? body + r : nil
        }
        // Labels: a C where a row holds one, and the drum lane.
        for r in 0..<melodicRows {
            let highest = topKey - r * perRow, lowest = highest - perRow + 1
            if let c = (max(0, lowest)...max(0, highest)).first(where: { $0 % 12 == 0 }) {
                frame.put(pad(GeneralMIDI.noteName(UInt8(c)), Self.labelWidth - 1, right: true), row: body + r, column: 0,
                          style: CellStyle(dim: true))
            }
            frame.set(row: body + r, column: Self.labelWidth - 1, "│", style: CellStyle(dim: true))
        }
        for r in 0..<drumRows {
            frame.put(r == 0 ? "Drum" : "kick", row: body + melodicRows + r, column: 0, style: CellStyle(dim: true))
            frame.set(row: body + melodicRows + r, column: Self.labelWidth - 1, "│", style: CellStyle(dim: true))
        }
        // Bar lines, then the playhead, under the notes.
        for bar in model.meter?.barLines ?? [] {
            let c = Int(column(Int64((bar * 1e9).rounded())))
            guard (0..<columns).contains(c) else { continue }
            for r in 0..<rows { frame.set(row: body + r, column: Self.labelWidth + c, "┊", style: CellStyle(dim: true)) }
        }
        for r in 0..<rows { frame.set(row: body + r, column: Self.labelWidth + playhead, "│", style: CellStyle(bold: true)) }

        if let notes = model.notes {
            for (i, instrument) in model.instruments.enumerated() where i < notes.instruments.count {
                let color = Palette.instrumentColor(i)
                let mark: Character = KeyMap.keyLabel(forInstrument: i) ?? "•"
                let fill: Character = palette == .color ? "█" : mark
                notes.forEachNote(of: i, from: from, to: to) { note in
                    guard let row = rowOf(key: Int(note.key), drum: notes.isDrum[i]) else { return }
                    let first = Int(max(0, column(note.start)))
                    // The column holding the note's last instant (its end is exclusive).
                    let last = min(columns - 1, max(first, Int(column(note.end - 1))))
                    guard first < columns else { return }
                    let past = note.end <= now
                    let sounding = note.start <= now && now < note.end && instrument.audible
                    for c in first...last {
                        let character: Character = !instrument.audible ? "·" : c == first && note.start >= from ? mark : fill
                        let style = CellStyle(foreground: color, bold: sounding, dim: past || !instrument.audible,
                                              reverse: sounding && c == playhead)
                        frame.set(row: row, column: Self.labelWidth + c, character, style: style)
                    }
                }
            }
        }
        drawRuler(row: body + rows, columns: columns, windowStart: windowStart, playhead: playhead, into: &frame)
    }

    private func drawRuler(row: Int, columns: Int, windowStart: Double, playhead: Int, into frame: inout Frame) {
        frame.put(String(repeating: " ", count: Self.labelWidth - 1) + "└", row: row, column: 0, style: CellStyle(dim: true))
        // A tick each second, a label every other, whole seconds of song.
        var second = max(0, windowStart.rounded(.up))
        var labelledUpTo = Self.labelWidth
        while true {
            let c = Int(((second - windowStart) / Self.secondsPerColumn).rounded())
            guard c < columns else { break }
            if c >= 0 {
                frame.set(row: row, column: Self.labelWidth + c, "┴", style: CellStyle(dim: true))
                let label = clockText(second)
                let at = Self.labelWidth + c + 1
                let clearOfPlayhead = !(at...(at + label.count)).contains(Self.labelWidth + playhead)
                if Int(second) % 2 == 0, at >= labelledUpTo, at + label.count < width, clearOfPlayhead {
                    frame.put(label, row: row, column: at, style: CellStyle(dim: true))
                    labelledUpTo = at + label.count + 1
                }
            }
            second += 1
        }
        frame.set(row: row, column: Self.labelWidth + playhead, "▲", style: CellStyle(bold: true))
    }

    private func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        if text.count >= width { return String(text.prefix(width)) }
        let fill = String(repeating: " ", count: width - text.count)
        return right ? fill + text : text + fill
    }
}
