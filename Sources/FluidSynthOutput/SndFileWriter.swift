// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CSndFile

/// Writes every format `render` offers through libsndfile, to an open file
/// descriptor (owned by the caller; libsndfile does not close it).
///
/// It takes float samples and leaves the conversion to libsndfile, after
/// applying `gain`, measuring the level and, for every format but float,
/// clamping to ±1 itself. Clamping here rather than with libsndfile's
/// SFC_SET_CLIPPING keeps 16-bit samples exactly what they were before
/// libsndfile wrote WAV: round(x × 32767) on both sides (libsndfile's
/// clipping conversion scales negative values by 32768 instead), and it
/// lets us count what was clipped. No dither is added, as before.
///
/// FluidSynth's own file renderer also writes through libsndfile, but it
/// renders and writes in one call, so we could not see the samples to find
/// where the release tail falls silent; hence libsndfile directly.
final class SndFileWriter: AudioFileSink {
    private var file: OpaquePointer?
    private let path: String
    private let clamps: Bool
    /// RIFF sizes are 32-bit: past this many frames a WAV header would lie.
    private let maximumFrames: Int?
    private var frames = 0
    private var scratch: [Float] = []
    /// Applied to every sample before it is measured and written.
    var gain: Float = 1
    /// What was written, after `gain`.
    private(set) var level = SignalLevel()
    /// Samples clamped to ±1 (none when the file stores floats).
    var clippedSamples: Int { clamps ? level.overFullScale : 0 }

    /// Opens the file for writing. `sampleFormat` must be one the format
    /// stores (nil for its default; lossy codecs take none).
    init(fd: Int32, path: String, format: AudioFileFormat, sampleFormat: SampleFormat?,
         sampleRate: Int) throws(RenderError) {
        self.path = path
        let stored = sampleFormat ?? format.defaultSampleFormat
        if let stored, !format.sampleFormats.contains(stored) {
            throw RenderError.file("write \(path)", "\(format.displayName) cannot hold \(stored.displayName) samples")
        }
        if let rates = format.sampleRates, !rates.contains(sampleRate) {
            throw RenderError.file("write \(path)", "\(format.displayName) takes "
                + rates.map(String.init).joined(separator: ", ") + " Hz, not \(sampleRate)")
        }
        clamps = stored?.isFloat != true
        // 2 channels of 2, 3 or 4 bytes; a little room kept for the header's chunks.
        let bytesPerFrame = 2 * (stored == .s16 ? 2 : stored == .s24 ? 3 : 4)
        maximumFrames = format == .wav ? (Int(UInt32.max) - 4096) / bytesPerFrame : nil
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = 2
        info.format = Int32(Self.container(format) | Self.subtype(format, stored))
        guard sf_format_check(&info) != 0 else {
            throw RenderError.file("write \(path)", "this libsndfile cannot write \(format.displayName) at \(sampleRate) Hz")
        }
        file = sf_open_fd(fd, Int32(SFM_WRITE), &info, 0)
        guard file != nil else {
            throw RenderError.file("open \(path) for \(format.displayName)", String(cString: sf_strerror(nil)))
        }
    }

    deinit { if let file { sf_close(file) } }

    private static func container(_ format: AudioFileFormat) -> Int {
        switch format {
        case .wav: SF_FORMAT_WAV
        case .flac: SF_FORMAT_FLAC
        case .ogg, .opus: SF_FORMAT_OGG
        case .mp3: SF_FORMAT_MPEG
        }
    }

    private static func subtype(_ format: AudioFileFormat, _ stored: SampleFormat?) -> Int {
        switch (format, stored) {
        case (.ogg, _): SF_FORMAT_VORBIS
        case (.opus, _): SF_FORMAT_OPUS
        case (.mp3, _): SF_FORMAT_MPEG_LAYER_III
        case (_, .s24?): SF_FORMAT_PCM_24
        case (_, .f32?): SF_FORMAT_FLOAT
        default: SF_FORMAT_PCM_16
        }
    }

    func write(_ samples: UnsafeBufferPointer<Float>) throws(RenderError) {
        frames += samples.count / 2
        if let maximumFrames, frames > maximumFrames {
            throw RenderError.file("write \(path)", "longer than a WAV file can hold (4 GiB); use --format flac")
        }
        if scratch.count < samples.count { scratch = [Float](repeating: 0, count: samples.count) }
        let written = scratch.withUnsafeMutableBufferPointer { out -> sf_count_t in
            for i in samples.indices { out[i] = samples[i] * gain }
            let scaled = UnsafeBufferPointer(rebasing: out[0..<samples.count])
            level.measure(scaled)
            if clamps {
                for i in scaled.indices { out[i] = min(1, max(-1, out[i])) }
            }
            return sf_writef_float(file, out.baseAddress, sf_count_t(samples.count / 2))
        }
        guard written == sf_count_t(samples.count / 2) else {
            throw RenderError.file("write \(path)", String(cString: sf_strerror(file)))
        }
    }

    func finish() throws(RenderError) {
        guard let f = file else { return }
        file = nil
        let status = sf_close(f)
        guard status == 0 else { throw RenderError.file("finish \(path)", String(cString: sf_error_number(status))) }
    }
}
