// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@Suite struct RollCommandTests {
    let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path

    @Test func writesAPNGOfTheAskedSize() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("demo.png")
        let result = try CommandRunner.run(["roll", demo, "-o", out, "--width", "800", "--height", "450"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("wrote \(out): 800×450, 169 notes, 4 instruments"))
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // IHDR: width and height, big-endian, right after the chunk's length and type.
        #expect(Array(bytes[12..<16]) == Array("IHDR".utf8))
        let width = bytes[16..<20].reduce(0) { $0 << 8 | Int($1) }, height = bytes[20..<24].reduce(0) { $0 << 8 | Int($1) }
        #expect(width == 800 && height == 450)
        #expect(bytes.count > 10_000)
    }

    @Test func aWindowCountsTheNotesItShows() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("first2s.png")
        let result = try CommandRunner.run(["roll", demo, "-o", out, "--end", "2"])
        #expect(result.status == 0, "\(result.stderr)")
        // 23 of the demo's notes sound before 2 s (counted from the JSON by hand).
        #expect(result.stderr.contains("wrote \(out): 1600×900, 23 notes of 169, 4 instruments"))
    }

    @Test func barLinesFollowTheTempoFoundOrGiven() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("bars.svg")
        let found = try CommandRunner.run(["roll", demo, "-o", out])
        #expect(found.stderr.contains("bar lines at 120.0 BPM 4/4"), "\(found.stderr)")
        // Given at 60 BPM from 0: a bar every 4 s, numbered 1 to 4 over the demo's 16 s.
        let given = try CommandRunner.run(["roll", demo, "-o", out, "--force", "--bpm", "60", "--first-beat", "0"])
        #expect(given.stderr.contains("bar lines at 60.0 BPM 4/4"), "\(given.stderr)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.contains("<svg"))
    }

    @Test func anSVGHasOneNoteMarkPerNoteAndAPDFIsWritten() throws {
        let folder = try TemporaryFolder()
        let svg = folder.path("demo.svg"), pdf = folder.path("demo.pdf")
        #expect(try CommandRunner.run(["roll", demo, "-o", svg]).status == 0)
        let text = try String(contentsOfFile: svg, encoding: .utf8)
        #expect(text.hasPrefix("<?xml"))
        // Notes are the only translucent fills; the demo has 169 notes.
        let marks = text.components(separatedBy: "fill-opacity:0.9;").count - 1
            + text.components(separatedBy: "fill-opacity=\"0.9\"").count - 1
        #expect(marks == 169)
        #expect(try CommandRunner.run(["roll", demo, "-o", pdf]).status == 0)
        let bytes = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(bytes.prefix(5) == Data("%PDF-".utf8) && bytes.count > 5_000)
    }

    @Test func refusesToOverwriteWithoutForce() throws {
        let folder = try TemporaryFolder()
        let out = try folder.write("keep.png", "precious")
        let refused = try CommandRunner.run(["roll", demo, "-o", out])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Cannot write \(out) - it already exists (use --force to replace it)"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "precious")
        #expect(try CommandRunner.run(["roll", demo, "-o", out, "--force"]).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)).prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["keep.png"])
    }

    @Test func badOptionsAreClearErrors() throws {
        let folder = try TemporaryFolder()
        let cases: [([String], String)] = [
            (["-o", folder.path("x.jpg")], "unknown picture format (use a name ending in .png, .svg, .pdf)"),
            (["-o", folder.path("x.png"), "--width", "10"], "--width 10: expected 200–16384 pixels"),
            (["-o", folder.path("x.png"), "--height", "99999"], "--height 99999: expected 200–16384 pixels"),
            (["--start=-1"], "--start -1.0: expected seconds, 0 or more"),
            (["--start", "5", "--end", "2"], "--end 2.0: expected seconds after --start (5.0)"),
            (["--start", "100"], "--start 100.0: the song ends at 0:15.950"),
        ]
        for (arguments, message) in cases {
            let result = try CommandRunner.run(["roll", demo] + arguments)
            #expect(result.status != 0, "\(arguments)")
            #expect(result.stderr.contains(message), "\(arguments): \(result.stderr)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path).isEmpty)
    }

    @Test(arguments: [60, 120])
    func printsARollFittedToColumns(columns: Int) throws {
        let result = try CommandRunner.run(["roll", demo], environment: ["COLUMNS": "\(columns)"])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "demo-groove-0001 — 0:16, 169 notes")
        #expect(lines.allSatisfy { $0.count <= columns })
        #expect(lines.contains { $0.count == columns && $0.hasPrefix("Drum│") })
        #expect(lines.contains { $0.hasPrefix("  C3│") })
        #expect(lines.last?.hasPrefix("     0:00") == true)
        // Braille cells carry the notes.
        #expect(result.stdout.unicodeScalars.filter { (0x2801...0x28FF).contains($0.value) }.count > columns)
    }
}
