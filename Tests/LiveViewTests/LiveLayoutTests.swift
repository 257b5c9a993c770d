// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import LiveView
import MIDITask
import Sequencer
import Testing

private let second: Int64 = 1_000_000_000

/// A band of `count` instruments (drums first), each playing a note a second
/// for `seconds`, on keys spread over three octaves.
private func band(_ count: Int, seconds: Int = 60) -> Timeline {
    let names = ["Drums", "Electric Bass (finger)", "Acoustic Grand Piano", "Choir Aahs", "Overdriven Guitar",
                 "Alto Sax", "Violin", "Trumpet", "Flute", "Cello", "String Ensemble 1", "Church Organ", "Vibraphone",
                 "Marimba", "Harmonica", "Banjo"]
    let instruments = (0..<count).map { i in
        Instrument(name: names[i % names.count], notes: (0..<seconds).map { s in
            let key = i == 0 ? UInt8([36, 38, 42][s % 3]) : UInt8(40 + (i * 5 + s) % 36)
            return Note(pitch: key, start: Int64(s) * second, end: Int64(s) * second + second * 3 / 4, velocity: 0.8)
        })
    }
    return Timeline(task: MIDITask(instruments: instruments))
}

private func model(_ timeline: Timeline, at position: Double = 10) -> LiveModel {
    var model = LiveModel(timeline: timeline, taskId: "task-42", output: "FluidSynth · FluidR3_GM.sf2")
    model.position = position
    return model
}

@Test func at80x24EverythingFitsAndTheTableLeavesTheRollRoom() {
    let frame = LiveLayout(width: 80, height: 24).frame(for: model(band(13)))
    let lines = frame.lines
    #expect(lines.count == 24)
    #expect(lines.allSatisfy { $0.count <= 80 })
    #expect(lines[0].contains("▶ playing") && lines[0].contains("0:10 / 0:59") && lines[0].contains("tempo 100 %"))
    #expect(lines[1].contains("task-42") && lines[1].contains("FluidR3_GM.sf2"))
    #expect(lines[3].contains("instrument") && lines[3].contains("ch"))
    // 24 rows: 8 fixed, 6 kept for the roll, so 10 table rows: 9 instruments and a "more" line.
    #expect(lines[4].contains("  1 Drums"))
    #expect(lines[12].contains("  9 Flute"))
    #expect(lines[13].contains("… and 4 more"))
    #expect(lines[14].hasPrefix("── roll 0:08 … 0:15"))
    #expect(lines[21].contains("▲"))
    #expect(lines[23].contains("space pause") && lines[23].contains("q quit"))
    #expect(lines.contains { $0.hasPrefix("Drum│") })
}

@Test func at200x60EveryInstrumentHasARowAndTheRollTheRest() {
    let frame = LiveLayout(width: 200, height: 60).frame(for: model(band(13)))
    let lines = frame.lines
    #expect(lines.count == 60 && lines.allSatisfy { $0.count <= 200 })
    for (i, name) in ["Drums", "Electric Bass (finger)", "Vibraphone"].enumerated() {
        let number = [1, 2, 13][i]
        #expect(lines[3 + number].contains(String(repeating: " ", count: number < 10 ? 2 : 1) + "\(number) \(name)"))
    }
    #expect(!lines.contains { $0.contains("more") })
    // The roll starts under the 13 rows and runs to the ruler: 60 − 8 − 13 = 39 rows.
    #expect(lines[17].hasPrefix("── roll "))
    #expect(lines[57].contains("▲"))
    // 195 columns at 0.1 s: the window spans 19.5 s, the playhead a quarter in.
    #expect(lines[17].contains("0:05 … 0:24"))
    // Wider meters: each table row reaches far right.
    #expect(lines[4].count > 120)
}

@Test func notesSitWhereTheirTimesAndKeysSay() {
    // One piano note, key 60, from 1 s to 2 s; the playhead at 0.
    let piano = Instrument(name: "Acoustic Grand Piano", notes: [Note(pitch: 60, start: second, end: 2 * second, velocity: 1)])
    let frame = LiveLayout(width: 80, height: 24).frame(for: model(Timeline(task: MIDITask(instruments: [piano])), at: 0))
    let lines = frame.lines
    // 75 roll columns, playhead at column 18 (a quarter), 0.1 s a column: the note covers 28…37.
    guard let row = lines.firstIndex(where: { $0.hasPrefix("  C4│") }) else {
        Issue.record(Comment(rawValue: "no C4 row in\n" + lines.joined(separator: "\n")))
        return
    }
    let cells = Array(lines[row])
    #expect(cells[5 + 18] == "│")
    #expect(cells[5 + 28] == "1")
    #expect(String(cells[(5 + 29)...(5 + 37)]) == String(repeating: "█", count: 9))
    #expect(cells.count == 5 + 38)  // nothing after the note
}

@Test func mutedAndSoloedInstrumentsSayIt() {
    var m = model(band(4))
    m.instruments[1].muted = true
    m.instruments[1].audible = false
    m.instruments[2].soloed = true
    m.instruments[3].audible = false
    let lines = LiveLayout(width: 80, height: 24).frame(for: m).lines
    #expect(lines[5].contains("MUTE"))
    #expect(lines[6].contains("SOLO"))
    #expect(lines[7].contains("--"))
    #expect(lines[4].contains(" on "))
}

@Test func theMeterGrowsWithTheLoudestSoundingNote() {
    var m = model(band(2))
    m.instruments[1].sounding = 2
    m.instruments[1].loudest = 127
    m.instruments[0].sounding = 1
    m.instruments[0].loudest = 32
    let lines = LiveLayout(width: 80, height: 24).frame(for: m).lines
    let full = lines[5].filter { $0 == "█" }.count, quarter = lines[4].filter { $0 == "█" }.count
    #expect(full > 0 && quarter > 0 && full >= 3 * quarter)
    #expect(lines[5].hasSuffix(" 2"))
}

@Test func loopPausedAndTempoShowInTheTitle() {
    var m = model(band(2))
    m.state = .paused
    m.tempo = 0.85
    m.loop = .init(start: 8, end: 16, isOn: true)
    let frame = LiveLayout(width: 80, height: 24).frame(for: m)
    #expect(frame.lines[0].contains("‖ paused") && frame.lines[0].contains("tempo 85 %") && frame.lines[0].contains("loop 0:08–0:16 on"))
    #expect(frame.lines[2].contains("[") && frame.lines[2].contains("]"))
}

@Test func helpCoversTheTableAndRollWithEveryKey() {
    var m = model(band(13))
    m.showHelp = true
    let lines = LiveLayout(width: 80, height: 24).frame(for: m).lines
    for entry in KeyMap.helpText { #expect(lines.contains { $0.contains(entry.action) }, "\(entry.keys)") }
    #expect(!lines.contains { $0.contains("Drums") })
}

@Test func withoutColourNotesAreDrawnWithTheirInstrumentsKey() {
    let piano = Instrument(name: "Acoustic Grand Piano", notes: [Note(pitch: 60, start: second, end: 2 * second, velocity: 1)])
    let lines = LiveLayout(width: 80, height: 24, palette: .monochrome)
        .frame(for: model(Timeline(task: MIDITask(instruments: [piano])), at: 0)).lines
    #expect(lines.contains { $0.contains("1111111111") })
    #expect(!lines.contains { $0.contains("█") })
}

@Test func aTinyTerminalGetsANoticeNotAGarbledScreen() {
    let lines = LiveLayout(width: 30, height: 8).frame(for: model(band(3))).lines
    #expect(lines[0] == "miditask: too small")
    #expect(lines[1] == "wants 80×24, has 30×8")
}

@Test func paletteFollowsNoColorAndTerm() {
    #expect(Palette.from(environment: ["TERM": "xterm-256color"]) == .color)
    #expect(Palette.from(environment: ["TERM": "xterm-256color", "NO_COLOR": "1"]) == .monochrome)
    #expect(Palette.from(environment: ["TERM": "xterm-256color", "NO_COLOR": ""]) == .color)
    #expect(Palette.from(environment: ["TERM": "vt100"]) == .monochrome)
    #expect(!Palette.canDrawScreens(environment: ["TERM": "dumb"]))
    #expect(!Palette.canDrawScreens(environment: [:]))
    #expect(Palette.canDrawScreens(environment: ["TERM": "screen"]))
}

@Test func withATempoTheTitleShowsBarAndBeatAndTheRollItsBarLines() {
    // 120 BPM from 1 s, one pickup beat at 0.5 s: bar lines at 1, 3, 5 … s.
    let beats = (1...40).map { Double($0) * 0.5 }
    var m = model(band(2), at: 4.1)
    m.meter = Meter(beats: beats, beatsPerBar: 4, firstDownbeat: 1)
    let lines = LiveLayout(width: 80, height: 24).frame(for: m).lines
    // 4.1 s is beat index 7 (4.0 s): six beats after the downbeat, bar 2, beat 3.
    #expect(lines[0].contains("bar 2.3"))
    #expect(m.meter?.position(at: 0.6) == "0.4")
    #expect(m.meter?.position(at: 0.2) == nil)
    // Without notes in the way: the window runs from 2.3 s (the playhead a quarter
    // in), so the bar lines at 3, 5, 7 and 9 s sit in roll columns 7, 27, 47 and 67.
    m.notes = nil
    let bare = LiveLayout(width: 80, height: 24).frame(for: m).lines
    let firstRollRow = bare.firstIndex { $0.hasPrefix("── roll") }! + 1
    let cells = Array(bare[firstRollRow])
    #expect(cells.indices.filter { cells[$0] == "┊" }.map { $0 - 5 } == [7, 27, 47, 67])
}
