// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer
import SystemClock

#if canImport(Glibc)
import Glibc
#endif

/// What a finished render produced.
public struct RenderResult: Sendable, Equatable {
    public var sampleRate: Int
    /// Stereo frames written.
    public var frames: Int
    /// The frame at which the last event took effect.
    public var lastEventFrame: Int
    /// The first frame of the first 64-frame block above the silence threshold.
    public var firstSoundFrame: Int?
    /// When that block had been computed.
    public var firstSoundInstant: MonotonicInstant?
    /// The level written to the file, after any normalizing gain.
    public var level = SignalLevel()
    /// Samples clamped to full scale on the way into the file: those over
    /// it, unless the file stores floats.
    public var clippedSamples = 0
    /// The factor every sample was multiplied by (1 unless normalized).
    public var gain: Float = 1

    public var seconds: Double { Double(frames) / Double(sampleRate) }
}

/// Renders a timeline through synthesizers as fast as they compute,
/// placing every event by frame position rather than wall time.
///
/// FluidSynth synthesizes in blocks of 64 frames and an event takes effect
/// at the start of the next block, so each event is placed on the block
/// boundary nearest its exact frame: at 44.1 kHz within 0.73 ms.
/// After the last event the release tail is rendered until a block peak
/// has stayed below `silenceThreshold` for `silenceDuration`, or
/// `maximumTail` has passed.
///
/// With several synthesizers, each plays its part of the events (see
/// `RenderParts`) and the parts of every chunk render side by side on
/// `threads` threads; the file gets their sum, and each part may go to a
/// file of its own as well (stems), cut at the same frame as the sum.
public final class OfflineRenderer {
    public static let blockFrames = 64
    /// Frames per round of rendering: every part renders a chunk, then they are summed.
    static let chunkFrames = 4096

    /// −80 dBFS.
    public var silenceThreshold: Float = 1e-4
    /// Seconds of continuous silence that end the tail.
    public var silenceDuration: Double = 0.1
    /// Seconds after the last event at which the tail is cut regardless.
    public var maximumTail: Double = 10

    let routing: RenderParts
    private let parts: [Part]
    private let threads: Int
    private var sum: [Float]
    private var blockPeaks: [Float]

    /// One synthesizer playing every event.
    public convenience init(synthesizer: Synthesizer) {
        self.init(synthesizers: [synthesizer], routing: .whole, threads: 1)
    }

    /// One synthesizer for each of `routing`'s parts.
    init(synthesizers: [Synthesizer], routing: RenderParts, threads: Int) {
        precondition(!synthesizers.isEmpty && synthesizers.count == routing.count, "one synthesizer per part")
        self.routing = routing
        parts = synthesizers.map(Part.init)
        self.threads = max(1, threads)
        sum = [Float](repeating: 0, count: synthesizers.count > 1 ? 2 * Self.chunkFrames : 0)
        blockPeaks = [Float](repeating: 0, count: Self.chunkFrames / Self.blockFrames)
    }

    /// The output sample rate in Hz.
    public var sampleRate: Double { parts[0].synthesizer.sampleRate }

    /// Renders `events` (sorted by time) through `transport` into `sink`,
    /// checking `cancellation` between chunks. Events before the start only
    /// set up channels (notes there are skipped); past the end, every
    /// sounding note is released at the end frame.
    ///
    /// With `partSinks` (one per part), each part's own audio goes to its
    /// sink too, exactly as long as the sum: stems that line up with the mix.
    /// Every sink is finished (closed) on success.
    func render(_ events: [TimelineEvent], transport: RenderTransport, into sink: AudioFileSink,
                partSinks: [AudioFileSink]? = nil, cancellation: RenderCancellation?) throws(RenderError) -> RenderResult {
        precondition(partSinks == nil || partSinks!.count == parts.count, "one sink per part")
        for (i, part) in parts.enumerated() { part.reset(sink: partSinks?[i]) }
        let rate = sampleRate
        var result = RenderResult(sampleRate: Int(rate.rounded()), frames: 0, lastEventFrame: 0)

        // Every event to its part, on its frame.
        var cutAt: Int?
        for event in events {
            let isNote = event.message.kind == .noteOn || event.message.kind == .noteOff
            if event.time < transport.start {
                if !isNote {
                    try routing.forEachPart(of: event.message, track: event.track) { i throws(RenderError) in
                        try parts[i].apply(event.message)
                    }
                }
                continue
            }
            if let end = transport.end, event.time > end {
                cutAt = Self.blockAligned(transport.frame(of: end, sampleRate: rate))
                break
            }
            let target = Self.blockAligned(transport.frame(of: event.time, sampleRate: rate))
            try routing.forEachPart(of: event.message, track: event.track) { i in
                parts[i].events.append((target, event.message))
            }
            result.lastEventFrame = target
        }
        if let cutAt {
            for channel in UInt8(0)..<16 {
                let message = MIDIMessage.control(MIDIChannel(channel), .allNotesOff, 0)
                try routing.forEachPart(of: message, track: TimelineEvent.setupTrack) { i in
                    parts[i].events.append((cutAt, message))
                }
            }
            result.lastEventFrame = cutAt
        }

        // Chunk by chunk until the tail after the last event is silent.
        let silentBlocksNeeded = Int((silenceDuration * rate / Double(Self.blockFrames)).rounded(.up))
        let limit = result.lastEventFrame + Self.blockAligned(Int64(maximumTail * rate))
        var silentBlocks = 0
        while result.frames < limit {
            let start = result.frames
            let frames = min(Self.chunkFrames, limit - start)
            try renderParts(from: start, frames: frames)
            try withMix(frames: frames) { mix throws(RenderError) in
                measureBlocks(mix, frames: frames)
                if result.firstSoundFrame == nil,
                   let b = blockPeaks[0..<(frames / Self.blockFrames)].firstIndex(where: { $0 >= silenceThreshold }) {
                    result.firstSoundFrame = start + b * Self.blockFrames
                    result.firstSoundInstant = MonotonicInstant.now()
                }
                var keep = frames
                for b in 0..<(frames / Self.blockFrames) where start + b * Self.blockFrames >= result.lastEventFrame {
                    silentBlocks = blockPeaks[b] < silenceThreshold ? silentBlocks + 1 : 0
                    if silentBlocks >= silentBlocksNeeded {
                        keep = (b + 1) * Self.blockFrames
                        break
                    }
                }
                try sink.write(UnsafeBufferPointer(rebasing: mix[0..<(2 * keep)]))
                for part in parts { part.pendingFrames = keep }
                result.frames += keep
            }
            if silentBlocks >= silentBlocksNeeded { break }
            if cancellation?.isCancelled == true { throw .cancelled }
        }
        try eachPart { part throws(RenderError) in
            try part.flush()
            try part.sink?.finish()
        }
        try sink.finish()
        return result
    }

    /// Renders as `render` would, writing nothing: the level of the
    /// whole render, for normalizing before a second, identical pass.
    public func measure(_ events: [TimelineEvent], transport: RenderTransport,
                        cancellation: RenderCancellation?) throws(RenderError) -> SignalLevel {
        let meter = LevelMeter()
        _ = try render(events, transport: transport, into: meter, cancellation: cancellation)
        return meter.level
    }

    /// The 64-frame boundary nearest `frame` (never negative).
    static func blockAligned(_ frame: Int64) -> Int {
        let block = Int64(blockFrames)
        return Int(max(0, (frame + block / 2) / block * block))
    }

    /// Every part writes what it still owes its sink and renders the chunk.
    private func renderParts(from start: Int, frames: Int) throws(RenderError) {
        try eachPart { part throws(RenderError) in
            try part.flush()
            try part.render(from: start, frames: frames)
        }
    }

    /// Runs `body` on every part, side by side when there are several; the
    /// first error (in part order) is thrown once all have run.
    private func eachPart(_ body: (Part) throws(RenderError) -> Void) throws(RenderError) {
        if parts.count == 1 || threads == 1 {
            for part in parts { try body(part) }
            return
        }
        for part in parts { part.error = nil }
        let parts = self.parts
        ParallelJobs.rounds(count: parts.count, threads: threads) { i in
            do throws(RenderError) { try body(parts[i]) } catch { parts[i].error = error }
        }
        if let error = parts.lazy.compactMap(\.error).first { throw error }
    }

    /// The chunk's audio: the one part's own, or the sum of the parts.
    private func withMix(frames: Int, _ body: (UnsafeBufferPointer<Float>) throws(RenderError) -> Void) throws(RenderError) {
        if parts.count == 1 {
            try parts[0].buffer.withUnsafeBufferPointer { mix throws(RenderError) in try body(mix) }
            return
        }
        let count = 2 * frames
        try sum.withUnsafeMutableBufferPointer { total throws(RenderError) in
            parts[0].buffer.withUnsafeBufferPointer { first in
                for i in 0..<count { total[i] = first[i] }
            }
            for part in parts.dropFirst() {
                part.buffer.withUnsafeBufferPointer { samples in
                    for i in 0..<count { total[i] += samples[i] }
                }
            }
            try body(UnsafeBufferPointer(total))
        }
    }

    /// The peak of each 64-frame block of the chunk.
    private func measureBlocks(_ mix: UnsafeBufferPointer<Float>, frames: Int) {
        blockPeaks.withUnsafeMutableBufferPointer { peaks in
            for b in 0..<(frames / Self.blockFrames) {
                var peak: Float = 0
                for i in (b * 2 * Self.blockFrames)..<((b + 1) * 2 * Self.blockFrames) {
                    peak = max(peak, abs(mix[i]))
                }
                peaks[b] = peak
            }
        }
    }

    /// One synthesizer, the events it plays, and its latest chunk.
    ///
    /// Unchecked Sendable: in each round one thread alone touches a part,
    /// and rounds are joined before the next begins.
    private final class Part: @unchecked Sendable {
        let synthesizer: Synthesizer
        /// Its events in order, each on the frame it takes effect at.
        var events: [(frame: Int, message: MIDIMessage)] = []
        var next = 0
        var buffer = [Float](repeating: 0, count: 2 * OfflineRenderer.chunkFrames)
        var sink: AudioFileSink?
        /// Frames of `buffer` still to be written to `sink`.
        var pendingFrames = 0
        var error: RenderError?
        /// The synthesizer has no voice and its effects' tail has faded below
        /// `fadedPeak`: until its next event, its chunks are silence without
        /// asking it. Its reverb and chorus cost as much silent as playing,
        /// which made 13 stems cost 2.3 times one mix of a real song.
        private var faded = false
        /// −120 dBFS: far below a 16- or 24-bit file's least step.
        static let fadedPeak: Float = 1e-6

        init(_ synthesizer: Synthesizer) { self.synthesizer = synthesizer }

        func reset(sink: AudioFileSink?) {
            events = []
            next = 0
            self.sink = sink
            pendingFrames = 0
            faded = false
        }

        func apply(_ message: MIDIMessage) throws(RenderError) {
            do {
                try FluidSynthMIDIOutput.apply(message, to: synthesizer)
            } catch {
                throw .synth(error)
            }
        }

        /// Synthesizes frames `start ..< start + frames` into the buffer,
        /// applying each event at its frame.
        func render(from start: Int, frames: Int) throws(RenderError) {
            precondition(frames % OfflineRenderer.blockFrames == 0 && frames <= OfflineRenderer.chunkFrames)
            let eventDue = next < events.count && events[next].frame < start + frames
            if faded && !eventDue {
                buffer.withUnsafeMutableBufferPointer { samples in
                    samples.baseAddress!.update(repeating: 0, count: 2 * frames)
                }
                return
            }
            faded = false
            var done = 0
            while next < events.count, events[next].frame < start + frames {
                let at = events[next].frame - start
                if at > done {
                    try synthesize(from: done, to: at)
                    done = at
                }
                try apply(events[next].message)
                next += 1
            }
            if done < frames { try synthesize(from: done, to: frames) }
            if synthesizer.activeVoiceCount == 0 {
                faded = buffer.withUnsafeBufferPointer { samples in
                    !samples[0..<(2 * frames)].contains { abs($0) >= Self.fadedPeak }
                }
            }
        }

        private func synthesize(from: Int, to: Int) throws(RenderError) {
            do {
                try buffer.withUnsafeMutableBufferPointer { samples throws(FluidSynthError) in
                    try synthesizer.render(frames: to - from, into: samples.baseAddress! + 2 * from)
                }
            } catch {
                throw .synth(error)
            }
        }

        /// Writes what the sink has not had of the buffer yet.
        func flush() throws(RenderError) {
            defer { pendingFrames = 0 }
            guard let sink, pendingFrames > 0 else { return }
            try buffer.withUnsafeBufferPointer { samples throws(RenderError) in
                try sink.write(UnsafeBufferPointer(rebasing: samples[0..<(2 * pendingFrames)]))
            }
        }
    }
}
