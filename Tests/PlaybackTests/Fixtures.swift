// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import MIDITask
import MIDIWire
import Playback
import PlaybackTesting
import Sequencer
import SystemClock

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

    /// Three instruments on channels 1–3, each a 1.5 s note every 2 s from t = 0
    /// (keys 60, 64, 67), for 8 s.
    static func trio() -> Timeline {
        let names = ["Acoustic Grand Piano", "Electric Bass (finger)", "Violin"]
        let keys: [UInt8] = [60, 64, 67]
        let instruments = names.enumerated().map { i, name in
            Instrument(name: name, notes: (0..<4).map { n in
                Note(pitch: keys[i], start: Int64(n) * 2 * second, end: Int64(n) * 2 * second + 3 * second / 2, velocity: 0.8)
            })
        }
        return Timeline(task: MIDITask(instruments: instruments))
    }

}

extension MIDIMessage {
    func isControl(_ number: UInt8) -> Bool { kind == .controlChange && data1 == number }
}

extension RecordingOutput {
    /// Whether each channel in `channels` got all-sound-off, all-notes-off and sustain-off.
    func silenced(channels: [UInt8]) -> Bool {
        let sent = messages
        return channels.allSatisfy { ch in
            [UInt8(120), 123].allSatisfy { cc in sent.contains(.control(MIDIChannel(ch), Controller(cc), 0)) }
                && sent.contains(.control(MIDIChannel(ch), Controller(64), 0))
        }
    }
}
