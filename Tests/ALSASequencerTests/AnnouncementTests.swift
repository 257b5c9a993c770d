// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CALSA
import Testing
@testable import ALSASequencer

private let ours = PortAddress(client: 129, port: 0)
private let synth = PortAddress(client: 130, port: 0)

@Test func theDestinationsClientExitingEndsTheSubscription() {
    #expect(Announcement.clientExited(130).ends(source: ours, destination: synth))
    #expect(!Announcement.clientExited(131).ends(source: ours, destination: synth))
}

@Test func theDestinationPortExitingEndsIt() {
    #expect(Announcement.portExited(synth).ends(source: ours, destination: synth))
    #expect(!Announcement.portExited(PortAddress(client: 130, port: 1)).ends(source: ours, destination: synth))
}

@Test func onlyOurOwnUnsubscriptionEndsIt() {
    #expect(Announcement.unsubscribed(sender: ours, destination: synth).ends(source: ours, destination: synth))
    #expect(!Announcement.unsubscribed(sender: PortAddress(client: 14, port: 0), destination: synth)
        .ends(source: ours, destination: synth))
}

@Test func startsAndSubscriptionsDoNotEndIt() {
    #expect(!Announcement.clientStarted(130).ends(source: ours, destination: synth))
    #expect(!Announcement.subscribed(sender: ours, destination: synth).ends(source: ours, destination: synth))
}

@Test func readsAClientExitEvent() {
    var event = snd_seq_event_t()
    event.type = UInt8(SND_SEQ_EVENT_CLIENT_EXIT.rawValue)
    event.data.addr.client = 130
    #expect(Announcement(event) == .clientExited(130))
}

@Test func readsAnUnsubscribeEventWithSenderAndDestination() {
    var event = snd_seq_event_t()
    event.type = UInt8(SND_SEQ_EVENT_PORT_UNSUBSCRIBED.rawValue)
    event.data.connect.sender.client = 129
    event.data.connect.dest.client = 130
    event.data.connect.dest.port = 2
    #expect(Announcement(event) == .unsubscribed(sender: PortAddress(client: 129, port: 0),
                                                 destination: PortAddress(client: 130, port: 2)))
}
