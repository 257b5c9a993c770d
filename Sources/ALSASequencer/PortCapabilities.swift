// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CALSA

/// What a port allows (`SND_SEQ_PORT_CAP_*`).
public struct PortCapabilities: OptionSet, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Others can read from it (it is a source).
    public static let read = Self(rawValue: UInt32(SND_SEQ_PORT_CAP_READ))
    /// Others can write to it (it is a destination).
    public static let write = Self(rawValue: UInt32(SND_SEQ_PORT_CAP_WRITE))
    public static let subscriptionRead = Self(rawValue: UInt32(SND_SEQ_PORT_CAP_SUBS_READ))
    public static let subscriptionWrite = Self(rawValue: UInt32(SND_SEQ_PORT_CAP_SUBS_WRITE))
    public static let duplex = Self(rawValue: UInt32(SND_SEQ_PORT_CAP_DUPLEX))
    /// Routing to or from it by others is not allowed.
    public static let noExport = Self(rawValue: UInt32(SND_SEQ_PORT_CAP_NO_EXPORT))
}

/// What a port is (`SND_SEQ_PORT_TYPE_*`).
public struct PortType: OptionSet, Sendable, Hashable {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    public static let midiGeneric = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_MIDI_GENERIC))
    public static let midiGM = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_MIDI_GM))
    public static let synth = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_SYNTH))
    /// Implemented in hardware.
    public static let hardware = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_HARDWARE))
    /// Implemented in software.
    public static let software = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_SOFTWARE))
    /// Generates sound.
    public static let synthesizer = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_SYNTHESIZER))
    /// Connects to other devices (a MIDI connector, a cable).
    public static let port = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_PORT))
    /// Belongs to an application (a sequencer, an editor).
    public static let application = Self(rawValue: UInt32(SND_SEQ_PORT_TYPE_APPLICATION))
}

/// Whether a sequencer client lives in the kernel (drivers) or in a process.
public enum ClientType: String, Sendable, Hashable {
    case kernel
    case user
}
