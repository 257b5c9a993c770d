// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import LiveView
import Testing

private func keys(_ text: String) -> [Key] {
    var decoder = KeyDecoder()
    return decoder.feed(Array(text.utf8))
}

@Test func arrowsPagesAndHomeInEveryCommonSpelling() {
    #expect(keys("\u{1B}[D\u{1B}[C\u{1B}[A\u{1B}[B") == [.left, .right, .up, .down])
    #expect(keys("\u{1B}OD\u{1B}OC") == [.left, .right])
    #expect(keys("\u{1B}[5~\u{1B}[6~") == [.pageUp, .pageDown])
    #expect(keys("\u{1B}[H\u{1B}[1~\u{1B}[7~\u{1B}OH") == [.home, .home, .home, .home])
    #expect(keys("\u{1B}[F\u{1B}[4~") == [.end, .end])
    // Modifiers in the parameters (Shift+Right) still read as the arrow.
    #expect(keys("\u{1B}[1;2C") == [.right])
}

@Test func lettersDigitsAndSpaceAreCharacters() {
    #expect(keys(" q1[s9?") == [" ", "q", "1", "[", "s", "9", "?"].map { Key.character($0) })
    #expect(keys("é") == [.character("é")])
    #expect(keys("\r") == [.enter])
}

@Test func aLoneEscapeWaitsThenIsTheEscKey() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.isPending)
    #expect(decoder.flush() == [.escape])
    #expect(!decoder.isPending)
}

@Test func aSequenceSplitAcrossReadsIsOneKey() {
    var decoder = KeyDecoder()
    #expect(decoder.feed([0x1B]).isEmpty)
    #expect(decoder.feed(Array("[".utf8)).isEmpty)
    #expect(decoder.feed(Array("6".utf8)).isEmpty)
    #expect(decoder.feed(Array("~q".utf8)) == [.pageDown, .character("q")])
}

@Test func unknownSequencesAndControlBytesAreDroppedNotReadAsLetters() {
    // F5, a mouse report, Alt+x, Ctrl-A: none is a binding, and none leaks letters.
    #expect(keys("\u{1B}[15~\u{1B}[<0;10;5M\u{1B}x\u{01}q") == [.character("q")])
    #expect(keys("\u{1B}\u{1B}[C") == [.escape, .right])
}
