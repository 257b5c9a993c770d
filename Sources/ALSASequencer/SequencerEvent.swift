import CALSA
import Playback

extension snd_seq_event_t {
    /// The sequencer event for a wire message, sent directly (no queue) from
    /// `source` to whoever subscribes to it; nil for messages without one.
    ///
    /// Fills the fields that aplaymidi's `snd_seq_ev_set_*` macros would,
    /// which Swift cannot call.
    init?(_ message: MIDIMessage, from source: UInt8) {
        self.init()
        queue = UInt8(SND_SEQ_QUEUE_DIRECT)
        self.source.port = source
        dest.client = UInt8(SND_SEQ_ADDRESS_SUBSCRIBERS)
        dest.port = UInt8(SND_SEQ_ADDRESS_UNKNOWN)
        let channel = message.channel
        switch message.kind {
        case 0x80:
            setNote(SND_SEQ_EVENT_NOTEOFF, channel, message.data1, message.data2)
        case 0x90:
            setNote(SND_SEQ_EVENT_NOTEON, channel, message.data1, message.data2)
        case 0xA0:
            setNote(SND_SEQ_EVENT_KEYPRESS, channel, message.data1, message.data2)
        case 0xB0:
            setControl(SND_SEQ_EVENT_CONTROLLER, channel, param: UInt32(message.data1), value: Int32(message.data2))
        case 0xC0:
            setControl(SND_SEQ_EVENT_PGMCHANGE, channel, param: 0, value: Int32(message.data1))
        case 0xD0:
            setControl(SND_SEQ_EVENT_CHANPRESS, channel, param: 0, value: Int32(message.data1))
        case 0xE0:
            let bend = Int32(message.data1 & 0x7F) | Int32(message.data2 & 0x7F) << 7
            setControl(SND_SEQ_EVENT_PITCHBEND, channel, param: 0, value: bend - 8192)
        default:
            // System real-time messages (the MIDI clock); the rest (SysEx,
            // song position) has no use in playback and is not sent.
            switch message.status {
            case 0xF8: type = UInt8(SND_SEQ_EVENT_CLOCK.rawValue)
            case 0xFA: type = UInt8(SND_SEQ_EVENT_START.rawValue)
            case 0xFB: type = UInt8(SND_SEQ_EVENT_CONTINUE.rawValue)
            case 0xFC: type = UInt8(SND_SEQ_EVENT_STOP.rawValue)
            default: return nil
            }
        }
    }

    private mutating func setNote(_ kind: snd_seq_event_type, _ channel: UInt8, _ key: UInt8, _ velocity: UInt8) {
        type = UInt8(kind.rawValue)
        data.note.channel = channel
        data.note.note = key
        data.note.velocity = velocity
    }

    private mutating func setControl(_ kind: snd_seq_event_type, _ channel: UInt8, param: UInt32, value: Int32) {
        type = UInt8(kind.rawValue)
        data.control.channel = channel
        data.control.param = param
        data.control.value = value
    }
}
