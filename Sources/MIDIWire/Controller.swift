// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A control-change number (0–127), named where miditask uses it.
///
/// 120–127 are channel mode messages (all sound off, reset, all notes off …),
/// not state a channel keeps: see `isChannelMode`.
public struct Controller: RawRepresentable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public let rawValue: UInt8

    public init(rawValue: UInt8) {
        precondition(rawValue < 128, "controller \(rawValue) out of range 0–127")
        self.rawValue = rawValue
    }

    public init(_ rawValue: UInt8) { self.init(rawValue: rawValue) }

    public static let bankSelectMSB = Controller(0)
    public static let bankSelectLSB = Controller(32)
    public static let sustain = Controller(64)
    public static let allSoundOff = Controller(120)
    public static let resetAllControllers = Controller(121)
    public static let allNotesOff = Controller(123)

    /// 120–127: commands to the channel, not a value it holds.
    public var isChannelMode: Bool { rawValue >= 120 }

    public var description: String { "CC\(rawValue)" }

    public static func < (a: Controller, b: Controller) -> Bool { a.rawValue < b.rawValue }
}
