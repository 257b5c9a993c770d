// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Sequencer

/// One song rendered to one file, as every path renders it: `render -o`,
/// each task of a batch, and the listener's on-complete render (a child
/// `render --output-dir`).
///
/// Each run makes its own synthesizer from the configuration, so runs on
/// different threads share nothing but FluidSynth's sample cache.
public struct RenderJob: Sendable {
    /// The peak `normalize` aims at, in dBFS.
    public static let normalizedPeak = -1.0

    public var timeline: Timeline
    public var file: RenderFile
    public var transport: RenderTransport
    /// Render twice, scaling the second pass so the peak is `normalizedPeak`.
    public var normalize: Bool

    public init(timeline: Timeline, file: RenderFile, transport: RenderTransport = RenderTransport(), normalize: Bool = false) {
        self.timeline = timeline
        self.file = file
        self.transport = transport
        self.normalize = normalize
    }

    public func run(configuration: SynthConfiguration, cancellation: RenderCancellation? = nil) throws(RenderError) -> RenderResult {
        let make = { () throws(RenderError) -> OfflineRenderer in try Self.renderer(configuration) }
        if normalize {
            return try file.renderNormalized(timeline, toPeak: Self.normalizedPeak, makeRenderer: make,
                                             transport: transport, cancellation: cancellation)
        }
        return try file.render(timeline, with: try make(), transport: transport, cancellation: cancellation)
    }

    /// A renderer of one synthesizer (for `.whole`) or one per part of
    /// `routing`, each with `configuration` and every SoundFont loaded,
    /// rendering on `threads` threads.
    static func renderer(_ configuration: SynthConfiguration, parts routing: RenderParts = .whole,
                         threads: Int = 1) throws(RenderError) -> OfflineRenderer {
        do throws(FluidSynthError) {
            var synthesizers: [Synthesizer] = []
            // One after another: the first fills FluidSynth's sample cache for the rest.
            for _ in 0..<routing.count { synthesizers.append(try configuration.makeSynthesizer(forPlayback: false)) }
            return OfflineRenderer(synthesizers: synthesizers, routing: routing, threads: threads)
        } catch {
            throw .synth(error)
        }
    }
}
