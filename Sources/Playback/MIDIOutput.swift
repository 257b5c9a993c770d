/// One MIDI channel voice message, as it goes on the wire: a status byte
/// (kind in the high nibble, channel in the low one) and its data bytes.
public struct MIDIMessage: Sendable, Hashable {
    public var status: UInt8
    public var data1: UInt8
    public var data2: UInt8

    public init(status: UInt8, data1: UInt8, data2: UInt8 = 0) {
        self.status = status
        self.data1 = data1
        self.data2 = data2
    }

    public var channel: UInt8 { status & 0x0F }
    public var kind: UInt8 { status & 0xF0 }

    public static func noteOn(channel: UInt8, key: UInt8, velocity: UInt8) -> Self {
        Self(status: 0x90 | channel, data1: key, data2: velocity)
    }

    public static func noteOff(channel: UInt8, key: UInt8) -> Self {
        Self(status: 0x80 | channel, data1: key, data2: 0)
    }

    public static func controlChange(channel: UInt8, controller: UInt8, value: UInt8) -> Self {
        Self(status: 0xB0 | channel, data1: controller, data2: value)
    }

    public static func programChange(channel: UInt8, program: UInt8) -> Self {
        Self(status: 0xC0 | channel, data1: program)
    }
}

/// Why an output could not take a message.
public struct MIDIOutputError: Error, Sendable, CustomStringConvertible {
    /// What was being done, e.g. "send event to 24:0".
    public var operation: String
    /// The library's own words (`snd_strerror`, FluidSynth's message).
    public var reason: String
    /// The destination is gone (unplugged, client exited): playback must end.
    public var deviceGone: Bool

    public init(operation: String, reason: String, deviceGone: Bool = false) {
        self.operation = operation
        self.reason = reason
        self.deviceGone = deviceGone
    }

    public var description: String { "\(operation): \(reason)" }
}

/// A backend that sounds MIDI: the ALSA sequencer, FluidSynth, or a recorder.
///
/// Both methods are called from the scheduler thread only, one at a time;
/// they must not block for long or allocate on their usual path.
public protocol MIDIOutput: AnyObject {
    /// Sends one message now.
    func send(_ message: MIDIMessage) throws(MIDIOutputError)
    /// Delivers anything buffered and waits until it has left.
    func flush() throws(MIDIOutputError)
}
