// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Testing
@testable import Sequencer

@Suite struct ChannelRequestTests {
    @Test func aNameOrAnIndexThenAChannelOneToSixteen() throws {
        let byName = try ChannelRequest(parsing: "Electric Bass (finger)=2")
        #expect(byName.target == .name("Electric Bass (finger)"))
        #expect(byName.channel == MIDIChannel(1))
        #expect(byName.text == "Electric Bass (finger)=2")
        let byIndex = try ChannelRequest(parsing: " 3 = 16 ")
        #expect(byIndex.target == .index(3))
        #expect(byIndex.channel == MIDIChannel(15))
    }

    @Test func theLastEqualsSignSplits() throws {
        #expect(try ChannelRequest(parsing: "A=B=4").target == .name("A=B"))
    }

    @Test func badRequestsSayWhatIsExpected() {
        #expect(throws: ChannelRequestError(request: "Bass", reason: #"expected NAME=N or INDEX=N, e.g. "Bass=2" or "3=2""#)) {
            try ChannelRequest(parsing: "Bass")
        }
        #expect(throws: ChannelRequestError(request: "=3", reason: #"no instrument before "=": expected NAME=N or INDEX=N"#)) {
            try ChannelRequest(parsing: "=3")
        }
        for (text, value) in [("Bass=0", "0"), ("Bass=17", "17"), ("Bass=two", "two"), ("Bass=", "")] {
            #expect(throws: ChannelRequestError(request: text, reason: "\"\(value)\" is not a channel 1–16")) {
                try ChannelRequest(parsing: text)
            }
        }
    }

    @Test func theErrorNamesTheRequestWhenThereIsOne() {
        #expect("\(ChannelRequestError(request: "Bass=0", reason: "why"))" == "Bass=0: why")
        #expect("\(ChannelRequestError(request: nil, reason: "why"))" == "why")
    }
}
