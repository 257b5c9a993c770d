// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `render` stopped by a signal: the one stop-signal path play uses too.
@Suite struct RenderCommandTests {
    let soundFont = CommandRunner.packageRoot.appendingPathComponent("soundfonts/miditask-gm.sf2").path

    /// An hour of sparse notes: long enough that a render is still running
    /// when the signal comes, even on a fast machine.
    func hourLongTask(in folder: TemporaryFolder) throws -> String {
        let notes = (0..<360).map { i in
            #"{"pitch": \#(48 + i % 24), "start": \#(i * 10), "end": \#(i * 10 + 2), "velocity": 0.7}"#
        }.joined(separator: ", ")
        return try folder.write("hour.json", #"{"state": "complete", "instruments": [{"name": "Church Organ", "notes": [\#(notes)]}]}"#)
    }

    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func aSignalStopsTheRenderAndLeavesNoFile(signal: Int32, status: Int32) async throws {
        let folder = try TemporaryFolder()
        let task = try hourLongTask(in: folder)
        let out = folder.path("hour.wav")
        let render = try CommandRunner.launch(["render", task, "-o", out, "--soundfont", soundFont])
        // Rendering has begun once the temporary file beside the target exists.
        let start = ContinuousClock.now
        while try !FileManager.default.contentsOfDirectory(atPath: folder.url.path).contains(where: { $0.hasPrefix("hour.wav.partial-") }) {
            #expect(render.process.isRunning, "render ended before it was signalled: \(render.stderr)")
            guard render.process.isRunning, ContinuousClock.now - start < .seconds(60) else { return }
            try await Task.sleep(for: .milliseconds(20))
        }
        render.signal(signal)
        let result = try await render.finished(within: .seconds(30))
        #expect(result.status == status, "\(result.stderr)")
        #expect(result.stderr.contains("render interrupted; \(out) was not written"))
        // Neither the file nor its temporary companion is left.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["hour.json"])
    }
}
