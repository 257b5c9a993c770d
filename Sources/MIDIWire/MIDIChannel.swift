// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A MIDI channel as on the wire, 0–15. Musicians count 1–16: see `number`.
public struct MIDIChannel: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(_ rawValue: UInt8) {
        precondition(rawValue < 16, "MIDI channel \(rawValue) out of range 0–15")
        self.rawValue = rawValue
    }

    /// Channel 10 as musicians count: General MIDI's drum channel.
    public static let drums = MIDIChannel(9)

    /// The 15 channels left for melodic instruments, in the order they are handed out.
    public static let melodic: [MIDIChannel] = (0..<16).filter { $0 != 9 }.map { MIDIChannel(UInt8($0)) }

    /// 1–16, as shown to users.
    public var number: Int { Int(rawValue) + 1 }

    public var description: String { "\(number)" }

    public static func < (a: MIDIChannel, b: MIDIChannel) -> Bool { a.rawValue < b.rawValue }
}
