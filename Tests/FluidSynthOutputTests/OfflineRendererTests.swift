// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import FluidSynthOutput
import Testing

@Suite struct OfflineRendererTests {
    @Test func eventsGoToTheNearestSynthBlockBoundary() {
        #expect(OfflineRenderer.blockFrames == 64)
        // 0.5 s at 44.1 kHz is frame 22050: 22080 is 30 away, 22016 is 34.
        #expect(OfflineRenderer.blockAligned(22_050) == 22_080)
        #expect(OfflineRenderer.blockAligned(31) == 0)
        #expect(OfflineRenderer.blockAligned(32) == 64)
        #expect(OfflineRenderer.blockAligned(-5) == 0)
    }

    @Test func firstSoundIsReportedAtTheFirstNote() throws {
        let synth = try TestSupport.synthesizer(reverb: false, chorus: false)
        let path = try TestSupport.temporaryFolder() + "/first.wav"
        let task = TestSupport.spacedTask(notes: 2)
        let result = try RenderFile(path: path, format: .wav, overwrite: false)
            .render(.init(task: task), with: OfflineRenderer(synthesizer: synth))
        let first = try #require(result.firstSoundFrame)
        // The first note starts at 0.2 s = frame 8820, on block 8832; the
        // block holding it is the first one with sound.
        #expect(first == 8768 || first == 8832)
        #expect(result.firstSoundInstant != nil)
    }
}
