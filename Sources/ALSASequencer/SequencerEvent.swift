// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CALSA
import MIDIWire

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
        let channel = message.channel?.rawValue ?? 0
        switch message.kind {
        case .noteOff:
            setNote(SND_SEQ_EVENT_NOTEOFF, channel, message.key, message.velocity)
        case .noteOn:
            setNote(SND_SEQ_EVENT_NOTEON, channel, message.key, message.velocity)
        case .polyPressure:
            setNote(SND_SEQ_EVENT_KEYPRESS, channel, message.key, message.data2)
        case .controlChange:
            setControl(SND_SEQ_EVENT_CONTROLLER, channel, param: UInt32(message.data1), value: Int32(message.data2))
        case .programChange:
            setControl(SND_SEQ_EVENT_PGMCHANGE, channel, param: 0, value: Int32(message.program))
        case .channelPressure:
            setControl(SND_SEQ_EVENT_CHANPRESS, channel, param: 0, value: Int32(message.data1))
        case .pitchBend:
            let bend = Int32(message.data1 & 0x7F) | Int32(message.data2 & 0x7F) << 7
            setControl(SND_SEQ_EVENT_PITCHBEND, channel, param: 0, value: bend - 8192)
        case .system:
            // The MIDI clock and song position; the rest (SysEx …) has no
            // use in playback and is not sent.
            switch MIDIMessage.SystemStatus(rawValue: message.status) {
            case .clock: type = UInt8(SND_SEQ_EVENT_CLOCK.rawValue)
            case .start: type = UInt8(SND_SEQ_EVENT_START.rawValue)
            case .continue: type = UInt8(SND_SEQ_EVENT_CONTINUE.rawValue)
            case .stop: type = UInt8(SND_SEQ_EVENT_STOP.rawValue)
            case .songPosition:
                type = UInt8(SND_SEQ_EVENT_SONGPOS.rawValue)
                data.control.value = Int32(message.data1 & 0x7F) | Int32(message.data2 & 0x7F) << 7
            case nil: return nil
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

extension snd_seq_event_t {
    /// Puts the event on `queue`, to be sent at `nanoseconds` of the queue's
    /// running time (what `snd_seq_ev_schedule_real` does, absolute).
    mutating func schedule(on queue: Int32, at nanoseconds: Int64) {
        self.queue = UInt8(truncatingIfNeeded: queue)
        let mask = UInt8(SND_SEQ_TIME_STAMP_MASK | SND_SEQ_TIME_MODE_MASK)
        flags = (flags & ~mask) | UInt8(SND_SEQ_TIME_STAMP_REAL | SND_SEQ_TIME_MODE_ABS)
        time.time = snd_seq_real_time_t(tv_sec: UInt32(clamping: nanoseconds / 1_000_000_000),
                                        tv_nsec: UInt32(nanoseconds % 1_000_000_000))
    }

    /// Takes the event off any queue: sent at once.
    mutating func sendDirectly() {
        queue = UInt8(SND_SEQ_QUEUE_DIRECT)
        let mask = UInt8(SND_SEQ_TIME_STAMP_MASK | SND_SEQ_TIME_MODE_MASK)
        flags &= ~mask
    }
}
