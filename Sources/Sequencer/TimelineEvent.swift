/// One channel message at a time of the song, preformatted for the wire.
///
/// 16 bytes, no references: a timeline of millions of events is one flat
/// array that the scheduler walks without allocating.
public struct TimelineEvent: Sendable, Hashable {
    /// Nanoseconds from the start of the song.
    public var time: Int64
    /// Status byte: kind in the high nibble, channel in the low one.
    public var status: UInt8
    public var data1: UInt8
    public var data2: UInt8
    /// Index of the instrument the event belongs to (its track in a MIDI
    /// file), or `TimelineEvent.setupTrack` for channel set-up.
    public var track: UInt16

    public static let setupTrack: UInt16 = .max

    public init(time: Int64, status: UInt8, data1: UInt8, data2: UInt8, track: UInt16) {
        self.time = time
        self.status = status
        self.data1 = data1
        self.data2 = data2
        self.track = track
    }

    public enum Kind: UInt8, Sendable {
        case noteOff = 0x80
        case noteOn = 0x90
        case controlChange = 0xB0
        case programChange = 0xC0
    }

    public var kind: Kind? { Kind(rawValue: status & 0xF0) }
    public var channel: MIDIChannel { MIDIChannel(status & 0x0F) }

    public static func noteOn(_ time: Int64, _ channel: MIDIChannel, key: UInt8, velocity: UInt8, track: UInt16) -> Self {
        Self(time: time, status: 0x90 | channel.rawValue, data1: key, data2: velocity, track: track)
    }

    public static func noteOff(_ time: Int64, _ channel: MIDIChannel, key: UInt8, track: UInt16) -> Self {
        Self(time: time, status: 0x80 | channel.rawValue, data1: key, data2: 0, track: track)
    }

    public static func control(_ time: Int64, _ channel: MIDIChannel, _ controller: UInt8, _ value: UInt8) -> Self {
        Self(time: time, status: 0xB0 | channel.rawValue, data1: controller, data2: value, track: setupTrack)
    }

    public static func program(_ time: Int64, _ channel: MIDIChannel, _ program: UInt8) -> Self {
        Self(time: time, status: 0xC0 | channel.rawValue, data1: program, data2: 0, track: setupTrack)
    }
}

/// Controller numbers used by miditask.
public enum Controller {
    public static let bankSelectMSB: UInt8 = 0
    public static let bankSelectLSB: UInt8 = 32
    public static let sustain: UInt8 = 64
    public static let allSoundOff: UInt8 = 120
    public static let resetAllControllers: UInt8 = 121
    public static let allNotesOff: UInt8 = 123
}
