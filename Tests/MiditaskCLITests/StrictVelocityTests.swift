// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `--strict` through the binary: a velocity that lenient mode clamps is a
/// fault like any other, named by its JSON path.
@Suite struct StrictVelocityTests {
    static let task = #"""
        {"task_id": "v", "code": 200, "msg": "success", "data": {"state": "complete", "instruments": [
          {"name": "Acoustic Grand Piano", "notes": [
            {"pitch": 60, "start": 0, "end": 0.5, "velocity": 0.8},
            {"pitch": 62, "start": 0.5, "end": 1, "velocity": 0.7},
            {"pitch": 64, "start": 1, "end": 1.5, "velocity": 1},
            {"pitch": 65, "start": 1.5, "end": 2, "velocity": -0.2}]}]}}
        """#

    @Test func infoStrictFailsOnAVelocityOutsideZeroToOne() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("velocity.json", Self.task)
        let strict = try CommandRunner.run(["info", "--strict", path])
        #expect(strict.status != 0)
        #expect(strict.stderr.contains("\(path): data.instruments[0].notes[3].velocity: -0.2 is outside 0–1"))
        #expect(strict.stdout.isEmpty)
    }

    @Test func infoWithoutStrictClampsWithAWarning() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("velocity.json", Self.task)
        let lenient = try CommandRunner.run(["info", path])
        #expect(lenient.status == 0)
        #expect(lenient.stdout.contains("clamped 1 velocity outside 0–1: data.instruments[0].notes[3].velocity: -0.2"))
    }
}
