// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock

#if canImport(Glibc)
import Glibc
#endif

/// Several songs, each to its own file, rendered side by side.
///
/// Each job runs as `RenderJob.run` runs it alone (the same function
/// `render -o` uses), on up to `threads` threads. A failing job stops none
/// of the others; every outcome is returned, in the jobs' order.
///
/// The SoundFonts are read from disk once: a synthesizer that holds them
/// lives for the whole batch, so every job's synthesizer finds their
/// samples in FluidSynth's sample cache and parses only the preset tables.
/// (FluidSynth 2.3 offers no safe way to hand one loaded SoundFont to
/// several synths: its sfloader API gives each synth its own SoundFont
/// object, whose reference counts and ids the synth updates unlocked.)
public struct BatchRender: Sendable {
    public struct Outcome: Sendable {
        public var result: Result<RenderResult, RenderError>
        /// Wall-clock seconds the job took.
        public var seconds: Double
    }

    public var jobs: [RenderJob]

    public init(jobs: [RenderJob]) { self.jobs = jobs }

    /// The number of threads to use when none is asked for: the cores online.
    public static var defaultThreads: Int { SynthConfiguration.machineCores }

    /// Renders every job; `finished` is called (on the job's thread) as each ends.
    public func run(configuration: SynthConfiguration, threads: Int = BatchRender.defaultThreads,
                    cancellation: RenderCancellation? = nil,
                    finished: (@Sendable (Int, Outcome) -> Void)? = nil) -> [Outcome] {
        // Holds the SoundFonts for the whole batch; a failure to load them
        // is reported by every job, which meets it again.
        let holder = try? configuration.makeSynthesizer(forPlayback: false)
        let results = JobResults<Outcome>(count: jobs.count)
        let jobs = jobs
        // Tasks side by side share the cores out rather than each taking them all.
        let configuration = configuration.sharingCores(among: min(threads, jobs.count))
        ParallelJobs.run(count: jobs.count, threads: threads) { i in
            let start = MonotonicInstant.now()
            let result = Result { () throws(RenderError) -> RenderResult in
                if cancellation?.isCancelled == true { throw .cancelled }
                return try jobs[i].run(configuration: configuration, cancellation: cancellation)
            }
            let outcome = Outcome(result: result, seconds: (MonotonicInstant.now() - start).seconds)
            results.store(outcome, at: i)
            finished?(i, outcome)
        }
        withExtendedLifetime(holder) {}
        return results.all
    }
}
