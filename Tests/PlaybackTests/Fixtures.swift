import MIDITask
import Playback
import Sequencer

/// Small songs and helpers shared by the Playback tests.
enum Fixtures {
    static let second: Int64 = 1_000_000_000

    /// A piano playing `count` notes, one a second from t = 0, each 0.5 s long,
    /// keys 60, 61, …
    static func scale(count: Int = 4, instrument: String = "Acoustic Grand Piano") -> Timeline {
        let notes = (0..<count).map { i in
            Note(pitch: UInt8(60 + i), start: Int64(i) * second, end: Int64(i) * second + second / 2, velocity: 0.8)
        }
        return Timeline(task: MIDITask(instruments: [Instrument(name: instrument, notes: notes)]))
    }

    static func instant(_ seconds: Double) -> MonotonicInstant { .origin + .seconds(seconds) }

    static func message(_ e: TimelineEvent) -> MIDIMessage { MIDIMessage(status: e.status, data1: e.data1, data2: e.data2) }
}

extension MIDIMessage {
    var isNoteOn: Bool { kind == 0x90 && data2 > 0 }
    var isNoteOff: Bool { kind == 0x80 || (kind == 0x90 && data2 == 0) }
    func isControl(_ number: UInt8) -> Bool { kind == 0xB0 && data1 == number }
}

extension RecordingOutput {
    /// Whether each channel in `channels` got all-sound-off, all-notes-off and sustain-off.
    func silenced(channels: [UInt8]) -> Bool {
        let sent = messages
        return channels.allSatisfy { ch in
            [UInt8(120), 123].allSatisfy { cc in sent.contains(.controlChange(channel: ch, controller: cc, value: 0)) }
                && sent.contains(.controlChange(channel: ch, controller: 64, value: 0))
        }
    }
}
