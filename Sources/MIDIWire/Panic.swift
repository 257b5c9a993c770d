// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

extension MIDIMessage {
    /// What ends every sound a channel may have been left with by another
    /// program: a note-off for each of the 128 keys (for synths that ignore
    /// all-notes-off), then all-sound-off, all-notes-off, sustain off and
    /// reset-all-controllers.
    public static func panic(_ channel: MIDIChannel) -> [MIDIMessage] {
        (0..<128).map { MIDIMessage.noteOff(channel, key: UInt8($0)) } + [
            .control(channel, .allSoundOff, 0),
            .control(channel, .allNotesOff, 0),
            .control(channel, .sustain, 0),
            .control(channel, .resetAllControllers, 0),
        ]
    }
}
