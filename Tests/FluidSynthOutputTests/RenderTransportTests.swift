// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FluidSynthOutput
import Testing

@Suite struct RenderTransportTests {
    @Test func frameIsRoundedScaledTimeFromStart() {
        let t = RenderTransport(start: 1_000_000_000, tempo: 2)
        // (3 s − 1 s) / 2 × 48 kHz
        #expect(t.frame(of: 3_000_000_000, sampleRate: 48_000) == 48_000)
        // 10.4 µs at 48 kHz is 0.4992 frame: rounds to 0 … and 11 µs to 1.
        #expect(RenderTransport().frame(of: 10_400, sampleRate: 48_000) == 0)
        #expect(RenderTransport().frame(of: 11_000, sampleRate: 48_000) == 1)
    }
}
