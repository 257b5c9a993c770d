// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import Doctor
import Testing

@Suite struct ProcTextTests {
    @Test func cardsAreReadFromProcAsoundCards() {
        let cards = ProcText.cards(FakeMachine.cardsText)
        #expect(cards == [ProcText.Card(number: 0, id: "PCH", name: "HDA Intel PCH"),
                          ProcText.Card(number: 1, id: "Loopback", name: "Loopback")])
        #expect(ProcText.cards("--- no soundcards ---\n").isEmpty)
    }

    @Test func globalTimersHaveTheirResolution() {
        let timers = ProcText.globalTimers(FakeMachine.timersText)
        #expect(timers == [ProcText.Timer(name: "system timer", resolution: 4000),
                           ProcText.Timer(name: "HR timer", resolution: 0.001)])
    }

    @Test func modulesAreFoundByEitherSpelling() {
        #expect(ProcText.hasModule("snd-seq", in: FakeMachine.modulesText))
        #expect(ProcText.hasModule("snd_seq_dummy", in: FakeMachine.modulesText))
        #expect(!ProcText.hasModule("snd-hrtimer", in: FakeMachine.modulesText))
    }
}
