// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Testing
@testable import MIDITask

@Suite struct JSONTextTests {
    @Test func quotesAndEscapesWhatJSONRequires() {
        #expect(JSONText.quote(#"a "b" \ c"#) == #""a \"b\" \\ c""#)
        #expect(JSONText.quote("line\nnext\ttab\r") == #""line\nnext\ttab\r""#)
        #expect(JSONText.quote("nul\u{0}bell\u{7}") == #""nul\u0000bell\u0007""#)
        #expect(JSONText.quote("Überhall 🎹") == "\"Überhall 🎹\"")
    }

    /// What it writes, the project's own decoder reads back unchanged.
    @Test func roundTripsThroughTheDecoder() throws {
        let name = "Synth \"Lead\"\n\\ \u{1}é"
        let json = #"{"state": "complete", "instruments": [{"name": \#(JSONText.quote(name)), "notes": []}]}"#
        #expect(try TaskDecoder().decode(Array(json.utf8), source: "t").instruments[0].name == name)
    }

    @Test func objectsKeepTheirKeyOrder() {
        #expect(JSONText.object([("b", "1"), ("a", JSONText.quote("x"))]) == #"{"b":1,"a":"x"}"#)
    }
}
