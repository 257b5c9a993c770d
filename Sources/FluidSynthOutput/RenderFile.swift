// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import Sequencer

/// Rendering a timeline to an audio file that is either whole or absent.
///
/// Audio goes into an `AtomicFile`: a temporary file beside the target,
/// moved into place when whole, removed on any error or cancellation.
/// Without `overwrite`, an existing target is an error before anything is
/// rendered; so is a sample format or rate the file cannot hold.
public struct RenderFile: Sendable {
    public var path: String
    public var format: AudioFileFormat
    /// How WAV and FLAC store samples; nil for the format's default (16-bit).
    public var sampleFormat: SampleFormat?
    public var overwrite: Bool

    public init(path: String, format: AudioFileFormat, sampleFormat: SampleFormat? = nil, overwrite: Bool) {
        self.path = path
        self.format = format
        self.sampleFormat = sampleFormat
        self.overwrite = overwrite
    }

    /// Renders once, writing the samples as they come (over full scale
    /// clipped, and counted, unless the file stores floats).
    public func render(_ timeline: Timeline, with renderer: OfflineRenderer, transport: RenderTransport = RenderTransport(),
                       cancellation: RenderCancellation? = nil) throws(RenderError) -> RenderResult {
        try write(sampleRate: renderer.sampleRate) { () throws(RenderError) in 1 } render: { sink throws(RenderError) in
            try renderer.render(timeline.events, transport: transport, into: sink, cancellation: cancellation)
        }
    }

    /// Renders twice, each time with a fresh renderer from `makeRenderer`:
    /// first writing nothing, to find the peak, then scaled so that the
    /// peak lands on `peak` dBFS.
    ///
    /// Memory stays that of one render, whatever the length, and no second
    /// file is needed; the price is twice the rendering time. It relies on
    /// FluidSynth rendering the same samples for the same settings and
    /// events, which it does (no randomness in voices, reverb or chorus;
    /// two renders are byte-identical).
    public func renderNormalized(_ timeline: Timeline, toPeak peak: Double,
                                 makeRenderer: () throws(RenderError) -> OfflineRenderer,
                                 transport: RenderTransport = RenderTransport(),
                                 cancellation: RenderCancellation? = nil) throws(RenderError) -> RenderResult {
        let first = try makeRenderer()
        return try write(sampleRate: first.sampleRate) { () throws(RenderError) in
            try first.measure(timeline.events, transport: transport, cancellation: cancellation).gain(toPeak: peak)
        } render: { sink throws(RenderError) in
            try makeRenderer().render(timeline.events, transport: transport, into: sink, cancellation: cancellation)
        }
    }

    /// Opens the file and its writer (so that every refusal comes before
    /// any rendering), finds the gain, renders, and commits the file.
    private func write(sampleRate: Double, gain: () throws(RenderError) -> Float,
                       render: (AudioFileSink) throws(RenderError) -> RenderResult) throws(RenderError) -> RenderResult {
        let open = try self.open(sampleRate: sampleRate)
        open.writer.gain = try gain()
        let result = open.measured(try render(open.writer))
        try open.commit()
        return result
    }

    /// The temporary file and its writer, for a caller that renders several
    /// files and commits them together (stems beside their mix).
    func open(sampleRate: Double) throws(RenderError) -> OpenRenderFile {
        let file = try Self.fileError { () throws(FileOutput.WriteError) in try AtomicFile(path: path, overwrite: overwrite) }
        let writer = try SndFileWriter(fd: file.descriptor, path: path, format: format, sampleFormat: sampleFormat,
                                       sampleRate: Int(sampleRate.rounded()))
        return OpenRenderFile(file: file, writer: writer)
    }

    static func fileError<T>(_ body: () throws(FileOutput.WriteError) -> T) throws(RenderError) -> T {
        do throws(FileOutput.WriteError) { return try body() } catch { throw .file(error.operation, error.reason) }
    }
}

/// A render file between opening and committing: removed, temporary file
/// and all, if it goes away uncommitted.
///
/// Unchecked Sendable: it moves to the one thread that renders into it
/// and comes back after that thread has been joined; never two at once.
final class OpenRenderFile: @unchecked Sendable {
    let file: AtomicFile
    let writer: SndFileWriter

    init(file: AtomicFile, writer: SndFileWriter) {
        self.file = file
        self.writer = writer
    }

    /// `result` with what the writer saw: level, clipping, gain.
    func measured(_ result: RenderResult) -> RenderResult {
        var result = result
        result.level = writer.level
        result.clippedSamples = writer.clippedSamples
        result.gain = writer.gain
        return result
    }

    /// Moves the whole file into place.
    func commit() throws(RenderError) {
        try RenderFile.fileError { () throws(FileOutput.WriteError) in try file.commit() }
    }
}
