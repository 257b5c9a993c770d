import MIDIWire
import Sequencer

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
    /// CLOCK_MONOTONIC nanoseconds when that block had been computed.
    public var firstSoundInstant: UInt64?
    /// The level written to the file, after any normalizing gain.
    public var level = SignalLevel()
    /// Samples clamped to full scale on the way into the file: those over
    /// it, unless the file stores floats.
    public var clippedSamples = 0
    /// The factor every sample was multiplied by (1 unless normalized).
    public var gain: Float = 1

    public var seconds: Double { Double(frames) / Double(sampleRate) }
}

/// Renders a timeline through a synthesizer as fast as it computes, placing
/// every event by frame position rather than wall time.
///
/// FluidSynth synthesizes in blocks of 64 frames and an event takes effect
/// at the start of the next block, so each event is placed on the block
/// boundary nearest its exact frame: at 44.1 kHz within 0.73 ms.
/// After the last event the release tail is rendered until a block peak
/// has stayed below `silenceThreshold` for `silenceDuration`, or
/// `maximumTail` has passed.
public final class OfflineRenderer {
    public static let blockFrames = 64
    /// Frames per call into FluidSynth.
    static let chunkFrames = 4096

    /// −80 dBFS.
    public var silenceThreshold: Float = 1e-4
    /// Seconds of continuous silence that end the tail.
    public var silenceDuration: Double = 0.1
    /// Seconds after the last event at which the tail is cut regardless.
    public var maximumTail: Double = 10

    public let synthesizer: Synthesizer
    private var floats: [Float]
    private var blockPeaks: [Float]

    public init(synthesizer: Synthesizer) {
        self.synthesizer = synthesizer
        floats = [Float](repeating: 0, count: 2 * Self.chunkFrames)
        blockPeaks = [Float](repeating: 0, count: Self.chunkFrames / Self.blockFrames)
    }

    /// Renders `events` (sorted by time) through `transport` into `sink`,
    /// checking `cancellation` between chunks. Events before the start only
    /// set up channels (notes there are skipped); past the end, every
    /// sounding note is released at the end frame.
    ///
    /// With `length` (a multiple of 64 frames, reaching past the last
    /// event) the file is exactly that long: the tail is rendered to it
    /// whether or not it has fallen silent, as a stem must to line up with
    /// the mix.
    func render(_ events: [TimelineEvent], transport: RenderTransport, into sink: AudioFileSink,
                length: Int? = nil, cancellation: RenderCancellation?) throws(RenderError) -> RenderResult {
        let rate = synthesizer.sampleRate
        var state = State(sampleRate: Int(rate.rounded()))
        var cutAtEnd = false
        for event in events {
            let isNote = event.message.kind == .noteOn || event.message.kind == .noteOff
            if event.time < transport.start {
                if !isNote { try apply(event) }
                continue
            }
            if let end = transport.end, event.time > end {
                cutAtEnd = true
                break
            }
            let target = Self.blockAligned(transport.frame(of: event.time, sampleRate: rate))
            try advance(to: target, state: &state, sink: sink, cancellation: cancellation)
            try apply(event)
            state.result.lastEventFrame = target
        }
        if cutAtEnd, let end = transport.end {
            let target = Self.blockAligned(transport.frame(of: end, sampleRate: rate))
            try advance(to: target, state: &state, sink: sink, cancellation: cancellation)
            for channel in UInt8(0)..<16 {
                try apply(.control(MIDIChannel(channel), .allNotesOff, 0))
            }
            state.result.lastEventFrame = target
        }
        if let length {
            precondition(length % Self.blockFrames == 0, "a fixed length is whole 64-frame blocks")
            try advance(to: length, state: &state, sink: sink, cancellation: cancellation)
        } else {
            try renderTail(state: &state, sink: sink, cancellation: cancellation)
        }
        try sink.finish()
        return state.result
    }

    /// Renders as `render` would, writing nothing: the level of the
    /// whole render, for normalizing before a second, identical pass.
    public func measure(_ events: [TimelineEvent], transport: RenderTransport,
                        cancellation: RenderCancellation?) throws(RenderError) -> SignalLevel {
        let meter = LevelMeter()
        _ = try render(events, transport: transport, into: meter, cancellation: cancellation)
        return meter.level
    }

    private struct State {
        var result: RenderResult
        init(sampleRate: Int) {
            result = RenderResult(sampleRate: sampleRate, frames: 0, lastEventFrame: 0)
        }
    }

    /// The 64-frame boundary nearest `frame` (never negative).
    static func blockAligned(_ frame: Int64) -> Int {
        let block = Int64(blockFrames)
        return Int(max(0, (frame + block / 2) / block * block))
    }

    private func apply(_ event: TimelineEvent) throws(RenderError) {
        try apply(event.message)
    }

    private func apply(_ message: MIDIMessage) throws(RenderError) {
        do {
            try FluidSynthMIDIOutput.apply(message, to: synthesizer)
        } catch {
            throw .synth(error)
        }
    }

    /// Renders and writes frames up to `target` (a block boundary).
    private func advance(to target: Int, state: inout State, sink: AudioFileSink,
                         cancellation: RenderCancellation?) throws(RenderError) {
        while state.result.frames < target {
            let frames = min(Self.chunkFrames, target - state.result.frames)
            try renderChunk(frames: frames, state: &state)
            try emit(frames: frames, state: &state, sink: sink)
            if cancellation?.isCancelled == true { throw .cancelled }
        }
    }

    /// Renders until the tail is silent for `silenceDuration`, cutting the
    /// file right there, or until `maximumTail`.
    private func renderTail(state: inout State, sink: AudioFileSink,
                            cancellation: RenderCancellation?) throws(RenderError) {
        let rate = Double(state.result.sampleRate)
        let silentBlocksNeeded = Int((silenceDuration * rate / Double(Self.blockFrames)).rounded(.up))
        let cap = state.result.frames + Self.blockAligned(Int64(maximumTail * rate))
        var silentBlocks = 0
        while state.result.frames < cap {
            let frames = min(Self.chunkFrames, cap - state.result.frames)
            try renderChunk(frames: frames, state: &state)
            var keep = frames
            for b in 0..<(frames / Self.blockFrames) {
                silentBlocks = blockPeaks[b] < silenceThreshold ? silentBlocks + 1 : 0
                if silentBlocks >= silentBlocksNeeded {
                    keep = (b + 1) * Self.blockFrames
                    break
                }
            }
            try emit(frames: keep, state: &state, sink: sink)
            if silentBlocks >= silentBlocksNeeded { return }
            if cancellation?.isCancelled == true { throw .cancelled }
        }
    }

    /// Synthesizes `frames` into the chunk buffer, noting the peak of each
    /// 64-frame block.
    private func renderChunk(frames: Int, state: inout State) throws(RenderError) {
        precondition(frames % Self.blockFrames == 0 && frames <= Self.chunkFrames)
        do {
            try floats.withUnsafeMutableBufferPointer { buffer throws(FluidSynthError) in
                try synthesizer.render(frames: frames, into: buffer.baseAddress!)
            }
        } catch {
            throw .synth(error)
        }
        floats.withUnsafeBufferPointer { input in
            blockPeaks.withUnsafeMutableBufferPointer { peaks in
                for b in 0..<(frames / Self.blockFrames) {
                    var peak: Float = 0
                    for i in (b * 2 * Self.blockFrames)..<((b + 1) * 2 * Self.blockFrames) {
                        peak = max(peak, abs(input[i]))
                    }
                    peaks[b] = peak
                }
            }
        }
        if state.result.firstSoundFrame == nil,
           let b = blockPeaks[0..<(frames / Self.blockFrames)].firstIndex(where: { $0 >= silenceThreshold }) {
            state.result.firstSoundFrame = state.result.frames + b * Self.blockFrames
            state.result.firstSoundInstant = UInt64(monotonicNanoseconds())
        }
    }

    private func emit(frames: Int, state: inout State, sink: AudioFileSink) throws(RenderError) {
        try floats.withUnsafeBufferPointer { buffer throws(RenderError) in
            try sink.write(UnsafeBufferPointer(rebasing: buffer[0..<(2 * frames)]))
        }
        state.result.frames += frames
    }
}
