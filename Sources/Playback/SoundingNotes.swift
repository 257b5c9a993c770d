// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// Which keys are sounding on which channels: a 16 × 128 bitset.
///
/// Storage is allocated once at init; updates afterwards never allocate.
public struct SoundingNotes: Sendable, Equatable {
    /// Two 64-bit words per channel: keys 0–63, then 64–127.
    private var words: [UInt64]

    public init() { words = [UInt64](repeating: 0, count: 32) }

    @inline(__always) private static func slot(_ channel: MIDIChannel, _ key: UInt8) -> (word: Int, bit: UInt64) {
        precondition(key < 128, "key \(key) out of range")
        return (Int(channel.rawValue) * 2 + Int(key >> 6), 1 << UInt64(key & 63))
    }

    public func contains(channel: MIDIChannel, key: UInt8) -> Bool {
        let s = Self.slot(channel, key)
        return words[s.word] & s.bit != 0
    }

    public mutating func insert(channel: MIDIChannel, key: UInt8) {
        let s = Self.slot(channel, key)
        words[s.word] |= s.bit
    }

    public mutating func remove(channel: MIDIChannel, key: UInt8) {
        let s = Self.slot(channel, key)
        words[s.word] &= ~s.bit
    }

    public mutating func removeAll() {
        for i in words.indices { words[i] = 0 }
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether any key sounds on `channel`.
    public func isSounding(channel: MIDIChannel) -> Bool {
        words[Int(channel.rawValue) * 2] | words[Int(channel.rawValue) * 2 + 1] != 0
    }

    /// Calls `body` for each sounding note, by channel then key. Does not allocate.
    public func forEach<E: Error>(_ body: (_ channel: MIDIChannel, _ key: UInt8) throws(E) -> Void) throws(E) {
        for w in 0..<32 {
            var bits = words[w]
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                bits &= bits &- 1
                try body(MIDIChannel(UInt8(w / 2)), UInt8((w % 2) * 64 + b))
            }
        }
    }

    /// Updates the table for a message as a synth would see it: note-on
    /// (velocity > 0) starts a key, note-off or note-on with velocity 0 ends it.
    /// Other messages change nothing.
    public mutating func apply(_ message: MIDIMessage) {
        guard let channel = message.channel else { return }
        if message.startsNote {
            insert(channel: channel, key: message.key & 0x7F)
        } else if message.endsNote {
            remove(channel: channel, key: message.key & 0x7F)
        }
    }
}
