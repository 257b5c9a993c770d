// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// What an instrument name plays as: a GM program, or the drum kit.
public enum ProgramChoice: Sendable, Hashable, CustomStringConvertible {
    case melodic(UInt8)
    case drums

    public var description: String {
        switch self {
        case .melodic(let program): return "\(GeneralMIDI.programNames[Int(program)]) (program \(program))"
        case .drums: return "the drum kit (channel 10)"
        }
    }
}

/// How an instrument name was resolved, for the warnings.
public enum MappingSource: Sendable, Hashable {
    /// A General MIDI program name, or a drum name: no warning.
    case generalMIDI
    /// A stem or instrument name that is not GM, given a sensible program.
    case guessed
    /// Nothing matched: program 0.
    case fallback
    /// The user's `--program NAME=N`.
    case override
}

/// Maps instrument names to General MIDI programs.
///
/// Exact GM names win (case, blanks and punctuation ignored), so "Steel Drums"
/// stays program 114; then percussion names go to the drum channel; then
/// common stem names get a guess; anything left gets program 0.
public enum InstrumentMapping {
    public static func resolve(_ name: String) -> (choice: ProgramChoice, source: MappingSource) {
        let key = GeneralMIDI.normalize(name)
        if let program = GeneralMIDI.programsByName[key] { return (.melodic(program), .generalMIDI) }
        if isPercussion(key) { return (.drums, .generalMIDI) }
        for (keyword, program) in stemGuesses where key.contains(keyword) {
            return (.melodic(program), .guessed)
        }
        return (.melodic(0), .fallback)
    }

    /// Names that mean the drum kit.
    static func isPercussion(_ key: String) -> Bool {
        let exact: Set<String> = ["drums", "drum", "drumkit", "drumset", "kit", "percussion", "perc",
                                  "standardkit", "standard", "rhythm", "beat", "beats", "kick", "snare",
                                  "hihat", "hihats", "cymbals", "toms"]
        if exact.contains(key) { return true }
        return key.contains("drum") || key.contains("percussion")
    }

    /// Keywords of stem and instrument names that are not GM, checked in
    /// order (more specific first), with the program they are played as.
    static let stemGuesses: [(String, UInt8)] = [
        ("electricpiano", 4), ("epiano", 4), ("rhodes", 4), ("wurl", 5),
        ("synthbass", 38), ("bassguitar", 33), ("doublebass", 43), ("upright", 32),
        ("synthstring", 50), ("synthbrass", 62), ("synthpad", 89), ("pad", 89),
        ("acousticguitar", 25), ("electricguitar", 27), ("distortion", 30), ("overdrive", 29),
        ("choir", 52), ("vocal", 53), ("vox", 53), ("voice", 53), ("sing", 53), ("humming", 53),
        ("piano", 0), ("keys", 0), ("keyboard", 0),
        ("organ", 16), ("bass", 33), ("guitar", 25), ("ukulele", 24), ("mandolin", 25),
        ("violin", 40), ("viola", 41), ("cello", 42), ("harp", 46),
        ("string", 48), ("orchestra", 48),
        ("trumpet", 56), ("trombone", 57), ("tuba", 58), ("horn", 60), ("brass", 61),
        ("sax", 65), ("clarinet", 71), ("oboe", 68), ("bassoon", 70), ("flute", 73),
        ("woodwind", 73), ("wind", 73),
        ("bell", 14), ("mallet", 12), ("marimba", 12), ("vibes", 11),
        ("lead", 80), ("synth", 80), ("arp", 81), ("pluck", 45),
        ("accordion", 21), ("harmonica", 22), ("banjo", 105), ("sitar", 104),
    ]
}
