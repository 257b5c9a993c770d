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
/// The mix is rendered first, to its file when one is given and otherwise
/// only measured: its release tail decides the length of every stem. The
/// stems then render side by side on up to `threads` threads, each with its
/// own synthesizer and so its own reverb and chorus: those effects are
/// linear, so a stem carries its own share of them, and the stems add up to
/// the mix. With `normalize`, the mix's gain applies to every stem, for the
/// same reason. Every file is checked and opened before anything is
/// rendered, and all are moved into place together at the end: an error or
/// a signal leaves none of them.
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
        // Made first and kept to the end: while it holds the SoundFonts,
        // every other synth finds their samples in FluidSynth's cache.
        let mixRenderer = try RenderJob.renderer(configuration)
        let rate = mixRenderer.synthesizer.sampleRate
        let mixFile = try mix?.open(sampleRate: rate)
        var stemFiles: [OpenRenderFile] = []
        for stem in stems { stemFiles.append(try stem.file.open(sampleRate: rate)) }

        // The mix: its length is every stem's; its gain too, when normalized.
        var mixResult: RenderResult
        if let mixFile, !normalize {
            mixResult = mixFile.measured(try mixRenderer.render(timeline.events, transport: transport, into: mixFile.writer,
                                                                cancellation: cancellation))
        } else {
            let meter = LevelMeter()
            mixResult = try mixRenderer.render(timeline.events, transport: transport, into: meter, cancellation: cancellation)
            mixResult.level = meter.level
        }
        let length = mixResult.frames
        let gain: Float = normalize ? mixResult.level.gain(toPeak: RenderJob.normalizedPeak) : 1

        // The stems, and the normalized mix's second pass, side by side.
        var work: [(file: OpenRenderFile, events: @Sendable () -> [TimelineEvent])] = []
        let timeline = timeline
        if let mixFile, normalize { work.append((mixFile, { timeline.events })) }
        for (stem, file) in zip(stems, stemFiles) { work.append((file, { stem.events(of: timeline) })) }
        for item in work { item.file.writer.gain = gain }
        let results = JobResults<Result<RenderResult, RenderError>>(count: work.count)
        let failed = RenderCancellation()
        let transport = transport
        let jobs = work
        // The mix had every core; side by side, the stems share them out.
        let configuration = configuration.sharingCores(among: min(threads, jobs.count))
        ParallelJobs.run(count: jobs.count, threads: threads) { i in
            let outcome = Result { () throws(RenderError) -> RenderResult in
                // A job that failed leaves nothing to be written: the rest
                // need not start.
                if failed.isCancelled { throw .cancelled }
                let renderer = try RenderJob.renderer(configuration)
                return jobs[i].file.measured(try renderer.render(jobs[i].events(), transport: transport,
                                                                 into: jobs[i].file.writer, length: length,
                                                                 cancellation: cancellation))
            }
            if case .failure = outcome { failed.cancel() }
            results.store(outcome, at: i)
        }

        let outcomes = results.all
        // The first real failure explains the others (skipped or cancelled).
        if let error = outcomes.lazy.compactMap({ $0.failure }).first(where: { if case .cancelled = $0 { false } else { true } })
            ?? outcomes.lazy.compactMap({ $0.failure }).first {
            throw error
        }
        var rendered = outcomes.map { try! $0.get() }
        if mixFile != nil, normalize {
            mixResult = rendered.removeFirst()
        }
        if let mixFile { try mixFile.commit() }
        for file in stemFiles { try file.commit() }
        return StemResults(mix: mixResult, stems: rendered)
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
