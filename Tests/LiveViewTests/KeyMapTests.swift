// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import LiveView
import Testing

private func commands(_ keys: [Key]) -> [LiveCommand?] {
    var map = KeyMap()
    return keys.map { map.command(for: $0) }
}

@Test func everyBindingOfTheIssue() {
    let table: [(Key, LiveCommand)] = [
        (.character(" "), .togglePause),
        (.left, .seek(by: -5)), (.right, .seek(by: 5)),
        (.pageUp, .seek(by: -30)), (.pageDown, .seek(by: 30)),
        (.home, .seekToStart),
        (.character("["), .tempo(by: -0.05)), (.character("]"), .tempo(by: 0.05)),
        (.character("1"), .toggleMute(0)), (.character("9"), .toggleMute(8)), (.character("0"), .toggleMute(9)),
        (.character("a"), .setLoopStart), (.character("b"), .setLoopEnd), (.character("l"), .toggleLoop),
        (.character("?"), .toggleHelp),
        (.character("q"), .quit), (.escape, .quit),
    ]
    for (key, command) in table {
        #expect(commands([key]) == [command], "\(key)")
    }
}

@Test func sThenADigitSolosAndAnythingElseCancels() {
    #expect(commands([.character("s"), .character("3")]) == [nil, .toggleSolo(2)])
    #expect(commands([.character("s"), .character("0")]) == [nil, .toggleSolo(9)])
    // After a solo the digits mute again.
    #expect(commands([.character("s"), .character("3"), .character("3")]) == [nil, .toggleSolo(2), .toggleMute(2)])
    // Another key cancels and does its own thing; s twice cancels.
    #expect(commands([.character("s"), .character(" "), .character("2")]) == [nil, .togglePause, .toggleMute(1)])
    #expect(commands([.character("s"), .character("s"), .character("2")]) == [nil, nil, .toggleMute(1)])
}

@Test func keysNotBoundDoNothing() {
    #expect(commands([.character("x"), .up, .down, .end, .enter]) == [nil, nil, nil, nil, nil])
}

@Test func instrumentKeyLabels() {
    #expect(KeyMap.keyLabel(forInstrument: 0) == "1")
    #expect(KeyMap.keyLabel(forInstrument: 9) == "0")
    #expect(KeyMap.keyLabel(forInstrument: 10) == nil)
}
