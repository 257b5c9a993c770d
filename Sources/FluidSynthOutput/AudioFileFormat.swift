// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The kinds of audio file `render` writes, all through libsndfile.
public enum AudioFileFormat: String, Sendable, CaseIterable {
    /// RIFF WAVE: 16- or 24-bit PCM, or 32-bit float.
    case wav
    /// FLAC: 16- or 24-bit (FLAC holds no float samples).
    case flac
    /// Ogg Vorbis.
    case ogg
    /// MPEG layer III.
    case mp3
    /// Opus in Ogg: at 8, 12, 16, 24 or 48 kHz only.
    case opus

    /// The format a file name asks for by its extension (.wav, .flac,
    /// .ogg/.oga, .mp3, .opus).
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "wav", "wave": self = .wav
        case "flac": self = .flac
        case "ogg", "oga": self = .ogg
        case "mp3": self = .mp3
        case "opus": self = .opus
        default: return nil
        }
    }

    /// The sample formats the file can store; empty for the lossy codecs,
    /// whose encoders take float samples and choose their own precision.
    public var sampleFormats: [SampleFormat] {
        switch self {
        case .wav: [.s16, .s24, .f32]
        case .flac: [.s16, .s24]
        case .ogg, .mp3, .opus: []
        }
    }

    /// What the file stores when no sample format is asked for.
    public var defaultSampleFormat: SampleFormat? { sampleFormats.isEmpty ? nil : .s16 }

    /// The sample rates the encoder accepts, when it does not take any.
    ///
    /// libsndfile's Opus encoder refuses anything but these five; its MPEG
    /// encoder takes the rates of MPEG-1, 2 and 2.5 (up to 48 kHz).
    public var sampleRates: [Int]? {
        switch self {
        case .opus: [8_000, 12_000, 16_000, 24_000, 48_000]
        case .mp3: [8_000, 11_025, 12_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000]
        case .wav, .flac, .ogg: nil
        }
    }

    /// The rate to render at when none is given: 44.1 kHz, except for Opus,
    /// which has no 44.1 kHz mode (its decoders play at 48 kHz anyway).
    public var preferredSampleRate: Int { self == .opus ? 48_000 : 44_100 }

    /// The extension of files written in this format, without the dot.
    public var fileExtension: String { rawValue }

    /// The name people know the format by.
    public var displayName: String {
        switch self {
        case .wav: "WAV"
        case .flac: "FLAC"
        case .ogg: "Ogg Vorbis"
        case .mp3: "MP3"
        case .opus: "Opus"
        }
    }
}
