// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Sequencer
import Testing

/// The one way every option selects instruments: the same text selects the same ones.
@Suite struct InstrumentSelectorTests {
    let names = ["Drums", "Electric Bass (finger)", "Flute", "Overdriven Guitar", "overdriven guitar"]

    @Test func digitsAreTheNumberInfoShows() throws {
        #expect(InstrumentSelector("3") == .index(3))
        #expect(try InstrumentSelector("3").positions(in: names) == [2])
        #expect(try InstrumentSelector("05").positions(in: names) == [4])
    }

    @Test func aSignedNumberIsANameNotAPosition() {
        // One resolver took "+3" for instrument 3 and the other for a name: now always a name.
        #expect(InstrumentSelector("+3") == .name("+3"))
        #expect(InstrumentSelector("-1") == .name("-1"))
        #expect(throws: InstrumentSelectionError.self) { try InstrumentSelector("+3").positions(in: names) }
    }

    @Test func aNameSelectsEveryInstrumentOfThatNameWhateverItsCaseAndPunctuation() throws {
        #expect(try InstrumentSelector("OVERDRIVEN-guitar").positions(in: names) == [3, 4])
        #expect(try InstrumentSelector("electric bass finger").positions(in: names) == [1])
    }

    @Test func aNameOfOnlyPunctuationSelectsNothing() {
        // It normalises to nothing, which must not match an instrument that does too.
        #expect(throws: InstrumentSelectionError(reason: #"the task has no instrument named "--" (it has "Drums", "#
            + #""Electric Bass (finger)", "Flute", "Overdriven Guitar", "overdriven guitar", "?!")"#)) {
            try InstrumentSelector("--").positions(in: names + ["?!"])
        }
    }

    @Test func theMessagesSayWhatTheTaskHas() {
        #expect(throws: InstrumentSelectionError(reason: "the task has no instrument 6 (they are numbered 1–5, as info shows)")) {
            try InstrumentSelector("6").positions(in: names)
        }
        #expect(throws: InstrumentSelectionError(reason: "the task has no instrument 0 (they are numbered 1–5, as info shows)")) {
            try InstrumentSelector("0").positions(in: names)
        }
        #expect(throws: InstrumentSelectionError(reason: "the task has no instrument 1 (it has none)")) {
            try InstrumentSelector("1").positions(in: [])
        }
    }
}
