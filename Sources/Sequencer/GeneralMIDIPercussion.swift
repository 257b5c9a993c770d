// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

extension GeneralMIDI {
    /// The General MIDI Level 1 percussion map: the drum each key 35–81
    /// sounds on channel 10. Keys outside it have no standard drum.
    public static let percussionNames: [String] = [
        "Acoustic Bass Drum", "Bass Drum 1", "Side Stick", "Acoustic Snare",           // 35–38
        "Hand Clap", "Electric Snare", "Low Floor Tom", "Closed Hi-Hat",                // 39–42
        "High Floor Tom", "Pedal Hi-Hat", "Low Tom", "Open Hi-Hat",                     // 43–46
        "Low-Mid Tom", "Hi-Mid Tom", "Crash Cymbal 1", "High Tom",                      // 47–50
        "Ride Cymbal 1", "Chinese Cymbal", "Ride Bell", "Tambourine",                   // 51–54
        "Splash Cymbal", "Cowbell", "Crash Cymbal 2", "Vibraslap",                      // 55–58
        "Ride Cymbal 2", "Hi Bongo", "Low Bongo", "Mute Hi Conga",                      // 59–62
        "Open Hi Conga", "Low Conga", "High Timbale", "Low Timbale",                    // 63–66
        "High Agogo", "Low Agogo", "Cabasa", "Maracas",                                 // 67–70
        "Short Whistle", "Long Whistle", "Short Guiro", "Long Guiro",                   // 71–74
        "Claves", "Hi Wood Block", "Low Wood Block", "Mute Cuica",                      // 75–78
        "Open Cuica", "Mute Triangle", "Open Triangle",                                 // 79–81
    ]

    /// The first key of `percussionNames`.
    public static let firstPercussionKey: UInt8 = 35

    /// The drum `key` sounds, or "Key N" for a key the map leaves out.
    public static func percussionName(_ key: UInt8) -> String {
        let index = Int(key) - Int(firstPercussionKey)
        return percussionNames.indices.contains(index) ? percussionNames[index] : "Key \(key)"
    }

    /// The name of a melodic key: C4 is middle C (60), sharps for black keys.
    public static func noteName(_ key: UInt8) -> String {
        let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]
        return names[Int(key) % 12] + String(Int(key) / 12 - 1)
    }
}
