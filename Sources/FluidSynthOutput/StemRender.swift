// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Sequencer

/// What a stems render produced: the mix (written or only measured) and
/// each stem, in the order of the stems asked for.
public struct StemResults: Sendable {
    public var mix: RenderResult
    public var stems: [RenderResult]
}

/// Every instrument of a song to its own file, each exactly as long as the
/// mix and sample-aligned with it, so that a DAW lines them up with the song.
///
/// The stems render together, chunk by chunk, each on a synthesizer of its
/// own (side by side on up to `threads` threads), and the mix is their sum:
/// every synthesizer has its own reverb and chorus, and these effects are
/// linear, so each stem carries its own share of them and the shares add
/// up to the song's (not to the sample of a one-synthesizer render: a
/// synthesizer with nothing to play pauses, and its effects' modulation
/// with it). The sum's release tail decides where every file ends. With
/// `normalize`, a first pass of the same stems measures their sum, and its
/// gain applies to every stem. Every file is checked and opened before
/// anything is rendered, and all are moved into place together at the
/// end: an error or a signal leaves none of them.
public struct StemRender: Sendable {
    public var timeline: Timeline
    public var stems: [Stem]
    /// The mix's file; nil to write only the stems.
    public var mix: RenderFile?
    public var transport: RenderTransport
    public var normalize: Bool

    public init(timeline: Timeline, stems: [Stem], mix: RenderFile?, transport: RenderTransport = RenderTransport(),
                normalize: Bool = false) {
        self.timeline = timeline
        self.stems = stems
        self.mix = mix
        self.transport = transport
        self.normalize = normalize
    }

    public func run(configuration: SynthConfiguration, threads: Int,
                    cancellation: RenderCancellation? = nil) throws(RenderError) -> StemResults {
        precondition(!stems.isEmpty, "a stems render needs a stem")
        // Every stem's synthesizer renders on one thread; the threads are the stems'.
        var single = configuration
        single.renderCores = 1
        let parts = RenderParts.instruments(stems.map(\.instrument))
        let make = { () throws(RenderError) in try RenderJob.renderer(single, parts: parts, threads: threads) }
        let renderer = try make()
        let rate = renderer.sampleRate
        let mixFile = try mix?.open(sampleRate: rate)
        var stemFiles: [OpenRenderFile] = []
        for stem in stems { stemFiles.append(try stem.file.open(sampleRate: rate)) }

        if normalize {
            // Measured on the stems' own sum, by synthesizers as fresh as
            // the ones that render: a silent synthesizer pauses, so its
            // effects' modulation runs on a clock of its own, and one
            // synthesizer's mix peaks up to 0.1 dB away from the stems' sum.
            let level = try make().measure(timeline.events, transport: transport, cancellation: cancellation)
            let gain = level.gain(toPeak: RenderJob.normalizedPeak)
            mixFile?.writer.gain = gain
            for file in stemFiles { file.writer.gain = gain }
        }
        let meter = LevelMeter()
        var mixResult = try renderer.render(timeline.events, transport: transport, into: mixFile?.writer ?? meter,
                                            partSinks: stemFiles.map(\.writer), cancellation: cancellation)
        if let mixFile {
            mixResult = mixFile.measured(mixResult)
        } else {
            mixResult.level = meter.level
        }
        let stemResults = stemFiles.map { file in
            var result = file.measured(mixResult)
            result.firstSoundFrame = nil
            result.firstSoundInstant = nil
            return result
        }
        if let mixFile { try mixFile.commit() }
        for file in stemFiles { try file.commit() }
        return StemResults(mix: mixResult, stems: stemResults)
    }
}
