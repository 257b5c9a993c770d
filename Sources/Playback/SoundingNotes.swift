/// Which keys are sounding on which channels: a 16 × 128 bitset.
///
/// Storage is allocated once at init; updates afterwards never allocate.
public struct SoundingNotes: Sendable, Equatable {
    /// Two 64-bit words per channel: keys 0–63, then 64–127.
    private var words: [UInt64]

    public init() { words = [UInt64](repeating: 0, count: 32) }

    @inline(__always) private static func slot(_ channel: UInt8, _ key: UInt8) -> (word: Int, bit: UInt64) {
        precondition(channel < 16 && key < 128, "channel \(channel) key \(key) out of range")
        return (Int(channel) * 2 + Int(key >> 6), 1 << UInt64(key & 63))
    }

    public func contains(channel: UInt8, key: UInt8) -> Bool {
        let s = Self.slot(channel, key)
        return words[s.word] & s.bit != 0
    }

    public mutating func insert(channel: UInt8, key: UInt8) {
        let s = Self.slot(channel, key)
        words[s.word] |= s.bit
    }

    public mutating func remove(channel: UInt8, key: UInt8) {
        let s = Self.slot(channel, key)
        words[s.word] &= ~s.bit
    }

    public mutating func removeAll() {
        for i in words.indices { words[i] = 0 }
    }

    public var isEmpty: Bool { words.allSatisfy { $0 == 0 } }

    public var count: Int { words.reduce(0) { $0 + $1.nonzeroBitCount } }

    /// Whether any key sounds on `channel`.
    public func isSounding(channel: UInt8) -> Bool {
        precondition(channel < 16)
        return words[Int(channel) * 2] | words[Int(channel) * 2 + 1] != 0
    }

    /// Calls `body` for each sounding note, by channel then key. Does not allocate.
    public func forEach<E: Error>(_ body: (_ channel: UInt8, _ key: UInt8) throws(E) -> Void) throws(E) {
        for w in 0..<32 {
            var bits = words[w]
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                bits &= bits &- 1
                try body(UInt8(w / 2), UInt8((w % 2) * 64 + b))
            }
        }
    }

    /// Updates the table for a message as a synth would see it: note-on
    /// (velocity > 0) starts a key, note-off or note-on with velocity 0 ends it.
    /// Other messages change nothing.
    public mutating func apply(_ message: MIDIMessage) {
        switch message.kind {
        case 0x90 where message.data2 > 0: insert(channel: message.channel, key: message.data1 & 0x7F)
        case 0x80, 0x90: remove(channel: message.channel, key: message.data1 & 0x7F)
        default: break
        }
    }
}
