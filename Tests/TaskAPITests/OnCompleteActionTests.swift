// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import TaskAPI
import Testing

@Suite struct OnCompleteActionTests {
    @Test func renderAndPlayChildrenCarryTheLengthBound() {
        #expect(OnCompleteAction.render.arguments(id: "t1", outputDirectory: "/out", maxDuration: "90m")
            == ["render", "--output-dir", "/out", "--max-duration", "90m", "--", "t1"])
        #expect(OnCompleteAction.play.arguments(id: "t1", outputDirectory: "/out", maxDuration: "2h")
            == ["play", "--max-duration", "2h", "--", "t1"])
    }

    @Test func exportIsNotBounded() {
        // A MIDI file of a long song is small and quick to write.
        #expect(OnCompleteAction.export.arguments(id: "t1", outputDirectory: "/out", maxDuration: "1h")
            == ["export", "-o", "/out/t1.mid", "--", "t1"])
    }
}
