// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CommandLineSupport
import Testing

@Suite struct CFormatTests {
    @Test func numbersAreFormattedAsPrintfDoes() {
        #expect(String(cFormat: "%.1f BPM", 119.96) == "120.0 BPM")
        #expect(String(cFormat: "%d:%02d.%03d", 3, 7, 250) == "3:07.250")
        #expect(String(cFormat: "%+.3f", -0.0125) == "-0.013")
        #expect(String(cFormat: "%+.3f", 0.5) == "+0.500")
        #expect(String(cFormat: "%-8.1fMB|", 2.25) == "2.2     MB|")
        #expect(String(cFormat: "%5.1f%%", 42.0) == " 42.0%")
        #expect(String(cFormat: "%.0f", 1e9) == "1000000000")
    }

    @Test func textLongerThanTheFirstBufferIsWhole() {
        let long = String(cFormat: "%0300d", 7)
        #expect(long.count == 300 && long.hasSuffix("7") && long.hasPrefix("000"))
    }

    @Test func columnsPadAndClocksRound() {
        #expect(Columns.pad("ab", 5) == "ab   ")
        #expect(Columns.pad("42", 5, right: true) == "   42")
        #expect(Columns.pad("toolong", 3) == "toolong")
        #expect(Columns.clock(187.2499) == "3:07.250")
        #expect(Columns.clock(0) == "0:00.000")
    }
}
