// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import FoundationXML
import MIDITask
@testable import PianoRoll
import Sequencer
import Testing

/// A small task: two melodic instruments and a drum kit.
private func sampleScore(start: Int64 = 0, end: Int64? = nil) -> RollScore {
    let second: Int64 = 1_000_000_000
    let task = MIDITask(taskId: "sample", instruments: [
        Instrument(name: "Acoustic Grand Piano", notes: (0..<8).map { (i: Int) -> Note in
            let start: Int64 = Int64(i) * second / 2
            return Note(pitch: UInt8(60 + i), start: start, end: start + second / 2, velocity: 0.2 + 0.1 * Double(i))
        }),
        Instrument(name: "Electric Bass (finger)", notes: [
            Note(pitch: 36, start: 0, end: 2 * second, velocity: 0.9),
            Note(pitch: 43, start: 2 * second, end: 4 * second, velocity: 0.5),
        ]),
        Instrument(name: "Drums", notes: [
            Note(pitch: 36, start: 0, end: second / 10, velocity: 1),
            Note(pitch: 38, start: second, end: second + second / 10, velocity: 0.8),
            Note(pitch: 42, start: second / 2, end: second / 2 + second / 20, velocity: 0.4),
        ]),
    ])
    return RollScore(task: task, plan: ChannelPlan(instruments: task.instruments), start: start, end: end)
}

private func temporaryPath(_ name: String) -> String {
    FileManager.default.temporaryDirectory.appendingPathComponent("pianoroll-\(UUID().uuidString)-\(name)").path
}

@Suite struct RollPictureTests {
    @Test func aPNGHasTheAskedSizeAndColouredNotes() throws {
        let path = temporaryPath("roll.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try RollPicture(score: sampleScore(), width: 640, height: 360).write(to: path, overwrite: false)
        let image = try PNGImage(path: path)
        #expect(image.width == 640 && image.height == 360)
        // The piano's colour, fully loud note shade aside, appears somewhere:
        // pixels that are clearly coloured (not grey) are notes or legend.
        let coloured = image.pixels.filter { pixel in
            let r = Int(pixel >> 16 & 0xFF), g = Int(pixel >> 8 & 0xFF), b = Int(pixel & 0xFF)
            return max(r, g, b) - min(r, g, b) > 60
        }
        #expect(coloured.count > 1000)
        #expect(Set(image.pixels).count > 20)
    }

    @Test func anSVGHoldsOneNoteMarkPerVisibleNote() throws {
        let path = temporaryPath("roll.svg")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try RollPicture(score: sampleScore(), width: 800, height: 400).write(to: path, overwrite: false)
        #expect(try noteMarks(inSVG: path) == 13)
        // A window shows only the notes that sound in it: piano 2–5 (0.5–2.5 s
        // overlaps notes 1…4), the first bass note, snare and hi-hat.
        let window = temporaryPath("window.svg")
        defer { try? FileManager.default.removeItem(atPath: window) }
        try RollPicture(score: sampleScore(start: 500_000_000, end: 2_000_000_000), width: 800, height: 400)
            .write(to: window, overwrite: false)
        #expect(try noteMarks(inSVG: window) == 3 + 1 + 2)
    }

    @Test func aPDFIsWritten() throws {
        let path = temporaryPath("roll.pdf")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try RollPicture(score: sampleScore()).write(to: path, overwrite: false)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        #expect(bytes.prefix(5) == Data("%PDF-".utf8))
        #expect(bytes.count > 1000)
        #expect(String(decoding: bytes.suffix(8), as: UTF8.self).contains("%%EOF"))
    }

    @Test func anExistingFileIsKeptWithoutOverwrite() throws {
        let path = temporaryPath("keep.png")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try Data("precious".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: RollError.write("Cannot write \(path) - it already exists (use --force to replace it)")) {
            try RollPicture(score: sampleScore()).write(to: path, overwrite: false)
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "precious")
        try RollPicture(score: sampleScore(), width: 300, height: 200).write(to: path, overwrite: true)
        #expect(try PNGImage(path: path).width == 300)
    }

    @Test func theFormatComesFromTheExtension() throws {
        #expect(try RollFormat(path: "a/b.PNG") == .png)
        #expect(try RollFormat(path: "x.svg") == .svg)
        #expect(try RollFormat(path: "x.pdf") == .pdf)
        #expect(throws: RollError.unknownFormat(path: "x.jpg")) { try RollFormat(path: "x.jpg") }
        #expect(throws: RollError.unknownFormat(path: "dir.png/roll")) { try RollFormat(path: "dir.png/roll") }
        #expect(RollError.unknownFormat(path: "x.jpg").description
            == "Cannot write x.jpg - unknown picture format (use a name ending in .png, .svg, .pdf)")
    }

    @Test func aMissingPNGIsCairosError() {
        #expect(throws: RollError.cairo(operation: "read /nonexistent.png", status: "file not found")) {
            try PNGImage(path: "/nonexistent.png")
        }
    }

    @Test func clockLabels() {
        #expect(RollTime.clock(0) == "0:00")
        #expect(RollTime.clock(75) == "1:15")
        #expect(RollTime.clock(2.5, step: 0.5) == "0:02.5")
        #expect(RollTime.tickStep(span: 16, pixels: 1600, minimumSpacing: 80) == 1)
        #expect(RollTime.tickStep(span: 352, pixels: 1500, minimumSpacing: 80) == 30)
    }

    @Test func drumAndNoteNames() {
        #expect(GeneralMIDI.percussionName(36) == "Bass Drum 1")
        #expect(GeneralMIDI.percussionName(38) == "Acoustic Snare")
        #expect(GeneralMIDI.percussionName(42) == "Closed Hi-Hat")
        #expect(GeneralMIDI.percussionName(81) == "Open Triangle")
        #expect(GeneralMIDI.percussionName(20) == "Key 20")
        #expect(GeneralMIDI.noteName(60) == "C4")
        #expect(GeneralMIDI.noteName(37) == "C#2")
    }
}

/// The note rectangles of an SVG: filled paths with the notes' opacity
/// (nothing else in a roll is translucent).
func noteMarks(inSVG path: String) throws -> Int {
    final class Counter: NSObject, XMLParserDelegate {
        var marks = 0
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            guard name == "path" else { return }
            let style = attributes["style"] ?? ""
            if attributes["fill-opacity"] == "0.9" || style.contains("fill-opacity:0.9;") { marks += 1 }
        }
    }
    let parser = try #require(XMLParser(contentsOf: URL(fileURLWithPath: path)))
    let counter = Counter()
    parser.delegate = counter
    #expect(parser.parse(), "the SVG does not parse: \(String(describing: parser.parserError))")
    return counter.marks
}
