// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

@Suite struct ExportCommandTests {
    let demo = CommandRunner.fixtures.appendingPathComponent("demo.callback.json").path

    @Test func writesATypeOneMIDIFileWithATrackPerInstrument() throws {
        let folder = try TemporaryFolder()
        let out = folder.path("demo.mid")
        let result = try CommandRunner.run(["export", demo, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(Array(bytes.prefix(4)) == Array("MThd".utf8))
        #expect(bytes[8...9] == [0, 1])     // format 1
        #expect(bytes[10...11] == [0, 5])   // tempo track + 4 instruments
        #expect(result.stderr.contains("wrote \(out): 169 notes, 4 tracks"))
    }

    @Test func refusesToOverwriteWithoutForceAndLeavesTheFileAlone() throws {
        let folder = try TemporaryFolder()
        let out = try folder.write("keep.mid", "precious")
        let refused = try CommandRunner.run(["export", demo, "-o", out])
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("Cannot write \(out) - it already exists (use --force to replace it)"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "precious")
        let forced = try CommandRunner.run(["export", demo, "-o", out, "--force"])
        #expect(forced.status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: out)).prefix(4) == Data("MThd".utf8))
        // No temporary files are left beside the output.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["keep.mid"])
    }

    @Test func anUnwritableDestinationIsAClearError() throws {
        let result = try CommandRunner.run(["export", demo, "-o", "/nonexistent-dir/out.mid"])
        #expect(result.status != 0)
        #expect(result.stderr.contains("Cannot create a file beside /nonexistent-dir/out.mid - No such file or directory"))
    }
}
