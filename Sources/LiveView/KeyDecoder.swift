// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Turns the bytes a terminal sends into keys.
///
/// Arrows, PgUp/PgDn and Home/End come as escape sequences (`ESC [ C`,
/// `ESC [ 5 ~`, `ESC O H` …). A lone ESC is the Esc key, but only once no
/// sequence follows it: `feed` keeps it pending, and `flush` (called when
/// no byte came for a short while) turns it into `.escape`. Sequences it
/// does not know are dropped whole, never read as letters.
public struct KeyDecoder: Sendable {
    private var pending: [UInt8] = []

    public init() {}

    /// Whether bytes are held waiting for the rest of an escape sequence.
    public var isPending: Bool { !pending.isEmpty }

    public mutating func feed(_ bytes: some Sequence<UInt8>) -> [Key] {
        pending.append(contentsOf: bytes)
        var keys: [Key] = []
        while !pending.isEmpty {
            guard let (key, used) = Self.decode(pending[...]) else { break }
            pending.removeFirst(used)
            if let key { keys.append(key) }
        }
        return keys
    }

    /// Ends a pending sequence: a lone ESC becomes the Esc key; anything longer is dropped.
    public mutating func flush() -> [Key] {
        defer { pending.removeAll() }
        return pending == [0x1B] ? [.escape] : []
    }

    /// The first key in `bytes` and how many bytes it used (nil key: bytes to
    /// drop), or nil when more bytes are needed to tell.
    private static func decode(_ bytes: ArraySlice<UInt8>) -> (Key?, Int)? {
        let first = bytes[bytes.startIndex]
        if first != 0x1B { return decodePlain(bytes) }
        guard bytes.count >= 2 else { return nil }
        let second = bytes[bytes.startIndex + 1]
        switch second {
        case UInt8(ascii: "["):
            // CSI: parameters and intermediates, then a final byte 0x40–0x7E.
            var i = bytes.startIndex + 2
            while i < bytes.endIndex, !(0x40...0x7E).contains(bytes[i]) { i += 1 }
            guard i < bytes.endIndex else { return bytes.count > 16 ? (nil, bytes.count) : nil }
            let parameters = String(decoding: bytes[(bytes.startIndex + 2)..<i], as: UTF8.self)
            return (csiKey(final: bytes[i], parameters: parameters), i - bytes.startIndex + 1)
        case UInt8(ascii: "O"):
            // SS3: application-mode arrows and Home/End.
            guard bytes.count >= 3 else { return nil }
            return (csiKey(final: bytes[bytes.startIndex + 2], parameters: ""), 3)
        case 0x1B:
            // ESC ESC: the first is Esc on its own.
            return (.escape, 1)
        default:
            // Alt+key: not a binding; drop both.
            return (nil, 2)
        }
    }

    private static func csiKey(final: UInt8, parameters: String) -> Key? {
        switch (final, parameters) {
        case (UInt8(ascii: "A"), _): return .up
        case (UInt8(ascii: "B"), _): return .down
        case (UInt8(ascii: "C"), _): return .right
        case (UInt8(ascii: "D"), _): return .left
        case (UInt8(ascii: "H"), _): return .home
        case (UInt8(ascii: "F"), _): return .end
        case (UInt8(ascii: "~"), "1"), (UInt8(ascii: "~"), "7"): return .home
        case (UInt8(ascii: "~"), "4"), (UInt8(ascii: "~"), "8"): return .end
        case (UInt8(ascii: "~"), "5"): return .pageUp
        case (UInt8(ascii: "~"), "6"): return .pageDown
        default: return nil
        }
    }

    /// A printable character (UTF-8, whole) or Enter; other control bytes are dropped.
    private static func decodePlain(_ bytes: ArraySlice<UInt8>) -> (Key?, Int)? {
        let first = bytes[bytes.startIndex]
        if first == 0x0D || first == 0x0A { return (.enter, 1) }
        if first < 0x20 || first == 0x7F { return (nil, 1) }
        let length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1
        guard bytes.count >= length else { return nil }
        let text = String(decoding: bytes.prefix(length), as: UTF8.self)
        guard let character = text.first, text.count == 1, character != "\u{FFFD}" else { return (nil, length) }
        return (.character(character), length)
    }
}
