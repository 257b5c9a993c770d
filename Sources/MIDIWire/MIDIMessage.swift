// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// One MIDI message as it goes on the wire: a status byte and up to two data
/// bytes.
///
/// Three bytes, no references, so a timeline of millions of them is a flat
/// array. Build messages with the typed factories (`noteOn(_:key:velocity:)`,
/// `control(_:_:_:)` …) and read them through `kind`, `channel` and the named
/// data accessors; the raw bytes are there for the backends that put them on
/// a wire or in a file.
public struct MIDIMessage: Sendable, Hashable, BitwiseCopyable {
    public var status: UInt8
    public var data1: UInt8
    public var data2: UInt8

    public init(status: UInt8, data1: UInt8 = 0, data2: UInt8 = 0) {
        self.status = status
        self.data1 = data1
        self.data2 = data2
    }

    /// What a status byte's high nibble says; `.system` for 0xF0–0xFF,
    /// whose low nibble is part of the message, not a channel.
    public enum Kind: UInt8, Sendable {
        case noteOff = 0x80
        case noteOn = 0x90
        case polyPressure = 0xA0
        case controlChange = 0xB0
        case programChange = 0xC0
        case channelPressure = 0xD0
        case pitchBend = 0xE0
        case system = 0xF0
    }

    /// System messages used in playback (0xF2 and the real-time ones).
    public enum SystemStatus: UInt8, Sendable {
        case songPosition = 0xF2
        case clock = 0xF8
        case start = 0xFA
        case `continue` = 0xFB
        case stop = 0xFC
    }

    @inline(__always) public var kind: Kind { Kind(rawValue: status & 0xF0) ?? .system }

    /// The channel of a channel message; nil for system messages.
    @inline(__always) public var channel: MIDIChannel? {
        status < 0xF0 ? MIDIChannel(status & 0x0F) : nil
    }

    /// Key of a note or poly-pressure message.
    public var key: UInt8 { data1 }
    /// Velocity of a note message.
    public var velocity: UInt8 { data2 }
    /// The controller of a control change.
    public var controller: Controller { Controller(data1 & 0x7F) }
    /// Value of a control change.
    public var value: UInt8 { data2 }
    /// Program of a program change.
    public var program: UInt8 { data1 }

    /// A note-on that starts a sound (velocity above 0).
    @inline(__always) public var startsNote: Bool { kind == .noteOn && data2 > 0 }
    /// A note-off, or a note-on with velocity 0, which means the same.
    @inline(__always) public var endsNote: Bool { kind == .noteOff || (kind == .noteOn && data2 == 0) }
    /// Bank select or program change: what sets a channel's sound.
    public var setsProgram: Bool {
        kind == .programChange
            || (kind == .controlChange && (data1 == Controller.bankSelectMSB.rawValue || data1 == Controller.bankSelectLSB.rawValue))
    }

    // MARK: Channel messages

    public static func noteOn(_ channel: MIDIChannel, key: UInt8, velocity: UInt8) -> Self {
        Self(status: Kind.noteOn.rawValue | channel.rawValue, data1: key, data2: velocity)
    }

    public static func noteOff(_ channel: MIDIChannel, key: UInt8) -> Self {
        Self(status: Kind.noteOff.rawValue | channel.rawValue, data1: key, data2: 0)
    }

    public static func control(_ channel: MIDIChannel, _ controller: Controller, _ value: UInt8) -> Self {
        Self(status: Kind.controlChange.rawValue | channel.rawValue, data1: controller.rawValue, data2: value)
    }

    public static func program(_ channel: MIDIChannel, _ program: UInt8) -> Self {
        Self(status: Kind.programChange.rawValue | channel.rawValue, data1: program)
    }

    // MARK: System messages

    public static func system(_ status: SystemStatus) -> Self { Self(status: status.rawValue) }

    /// Song Position Pointer: where a slaved device should be, in MIDI beats
    /// (sixteenth notes, 6 clocks each) from the song's start, 0–16383.
    public static func songPosition(sixteenths: Int) -> Self {
        precondition((0..<16384).contains(sixteenths), "song position \(sixteenths) out of range 0–16383")
        return Self(status: SystemStatus.songPosition.rawValue, data1: UInt8(sixteenths & 0x7F),
                    data2: UInt8(sixteenths >> 7))
    }

    /// Bytes on the wire: 3 for most messages, 2 for program change and
    /// channel pressure, 1 for real-time messages.
    public var length: Int {
        switch kind {
        case .programChange, .channelPressure: return 2
        case .system: return status == SystemStatus.songPosition.rawValue ? 3 : 1
        default: return 3
        }
    }
}
