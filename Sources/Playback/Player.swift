// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer
import Synchronization
import SystemClock

/// Plays a timeline to a MIDI output in real time, on its own thread.
///
/// Build it, `start()` it, and `wait()` for the result; control it from any
/// thread meanwhile (`pause`, `resume`, `seek`, `setTempo`, `stop` never
/// block). The output is wrapped in a `SilencingOutput`, so however playback
/// ends — its end, `stop()`, an output error — no note is left sounding.
/// Tests may call `run()` instead, which plays on the calling thread.
///
/// The output belongs to the player from init on: it is used only by the
/// thread that plays, and must not be touched until `wait()` has returned.
public final class Player: @unchecked Sendable {
    // @unchecked: `scheduler` and the output inside it are used by exactly one
    // thread (whoever won `claimed`); controls go through `transport`, all
    // atomics; `thread` and `result` are behind `lock`.

    /// Song length in the timeline (the last event's time).
    public let duration: TimeAmount
    public let options: Options
    /// The output as the scheduler drives it, with its table of sounding notes.
    public let output: SilencingOutput

    private var scheduler: Scheduler
    private let transport: Transport
    private let claimed = Atomic<Bool>(false)
    private let cpuTime = Atomic<Int64>(-1)
    private let lock = Mutex<(thread: SchedulerThread?, result: PlaybackResult?, notice: String?)>((nil, nil, nil))

    public init(timeline: Timeline, output: any MIDIOutput, options: Options = Options(),
                clock: any PlaybackClock = MonotonicClock()) {
        let silencing = output as? SilencingOutput ?? SilencingOutput(output)
        let prepared = PreparedTimeline(timeline)
        transport = Transport(tempo: options.tempo, instrumentCount: prepared.instrumentCount, loop: options.loop)
        self.output = silencing
        self.options = options
        duration = .nanoseconds(timeline.duration)
        scheduler = Scheduler(timeline: prepared, output: silencing, clock: clock,
                              transport: transport, options: options)
    }

    /// Starts playing on the scheduler thread ("miditask-sched") and returns.
    ///
    /// Throws only if no thread can be created (then nothing has been sent).
    /// Call once, and not with `run()`.
    public func start() throws(SystemCallError) {
        claim()
        let thread: SchedulerThread
        do {
            thread = try SchedulerThread(realTime: options.realTimePriority) { [self] in
                let cpuStart = TimeAmount.processorTimeOfThisThread()
                let result = scheduler.run()
                cpuTime.store((TimeAmount.processorTimeOfThisThread() - cpuStart).nanoseconds, ordering: .relaxed)
                finish(result)
            }
        } catch {
            // Nothing ran: the player may be started again.
            claimed.store(false, ordering: .releasing)
            throw error
        }
        lock.withLock {
            $0.thread = thread
            $0.notice = thread.notice
        }
    }

    /// Plays on the calling thread until playback ends, and returns how.
    ///
    /// For tests (with a `ManualClock`, a whole song plays instantly) and for
    /// callers that own a thread. Call once, and not with `start()`.
    @discardableResult
    public func run() -> PlaybackResult {
        claim()
        let result = scheduler.run()
        finish(result)
        return result
    }

    /// Waits until playback ends and returns how. May be called again.
    public func wait() -> PlaybackResult {
        precondition(claimed.load(ordering: .acquiring), "wait() before start()")
        let thread = lock.withLock { state -> SchedulerThread? in
            defer { state.thread = nil }
            return state.thread
        }
        thread?.join()
        // run() on another thread has no handle to join: wait for its result.
        while true {
            if let result = lock.withLock({ $0.result }) { return result }
            MonotonicInstant.sleep(until: MonotonicInstant.now() + .milliseconds(1))
        }
    }

    /// Ends playback (silencing the output) as soon as the scheduler sees it (within 10 ms).
    public func stop() { transport.stopRequested.store(true, ordering: .relaxed); transport.post() }

    /// Holds the place and silences; `resume()` continues from there.
    public func pause() { transport.pauseRequested.store(true, ordering: .relaxed); transport.post() }

    /// Continues after `pause()`, with the channel set-up replayed and the next notes starting clean.
    public func resume() { transport.pauseRequested.store(false, ordering: .relaxed); transport.post() }

    /// Jumps to a song position (clamped to what can be played: the loop, or
    /// up to the end). Sounding notes stop; the channel set-up at the target
    /// is replayed; notes that would be mid-way there are not restarted.
    public func seek(to position: TimeAmount) {
        transport.seekTarget.store(position.nanoseconds, ordering: .relaxed)
        transport.post()
    }

    /// Changes the speed factor from now on, keeping the place.
    public func setTempo(_ tempo: Double) {
        precondition(Options.tempoRange.contains(tempo), "tempo \(tempo) outside \(Options.tempoRange)")
        transport.tempoBits.store(tempo.bitPattern, ordering: .relaxed)
        transport.post()
    }

    /// Makes the given instruments (indexes into the task) silent and the
    /// others audible, from now on: within 10 ms the silenced instruments'
    /// sounding notes end and their later notes are skipped; an instrument
    /// made audible again comes back from its next note. Mute and solo are
    /// both this (see `InstrumentMix`).
    public func setSilentInstruments(_ instruments: Set<Int>) {
        transport.changeLive { live in
            for i in live.silent.indices { live.silent[i] = instruments.contains(i) }
        }
    }

    /// Puts a loop in force, or ends it (nil) so playback goes on to the end.
    ///
    /// Playing before the new loop goes on into it; playing past its end
    /// jumps to its start at once. Seeks stay inside the loop while one is on.
    public func setLoop(_ loop: Options.LoopRange?) {
        transport.changeLive { $0.loop = loop }
    }

    /// The loop last asked for (at init or by `setLoop`).
    public var loop: Options.LoopRange? { transport.live.withLock { $0.loop } }

    /// The song position reached, for progress displays; updated at least every 10 ms while playing.
    public var position: TimeAmount { .nanoseconds(transport.position.load(ordering: .relaxed)) }

    /// The tempo factor last asked for.
    public var tempo: Double { transport.tempo }

    /// Whether the scheduler is holding still after `pause()`.
    public var isPaused: Bool { transport.paused.load(ordering: .relaxed) }

    /// Whether playback has ended (`wait()` will not block).
    public var isFinished: Bool { transport.ended.load(ordering: .acquiring) }

    /// The instant playback began at its start position (nil before), on the
    /// clock given at init. With no transport change, event t was due at
    /// `startInstant + (t − start) ÷ tempo`: benchmarks measure lateness from it.
    public var startInstant: MonotonicInstant? {
        let ns = transport.startInstant.load(ordering: .acquiring)
        return ns == Int64.min ? nil : MonotonicInstant(nanoseconds: ns)
    }

    /// Processor time the scheduler thread used, once it has ended (after `start()` only).
    public var schedulerCPUTime: TimeAmount? {
        let ns = cpuTime.load(ordering: .relaxed)
        return ns < 0 ? nil : .nanoseconds(ns)
    }

    /// What `start()` had to say, once: e.g. that real-time priority was refused.
    public var notice: String? { lock.withLock { $0.notice } }

    private func claim() {
        let (exchanged, _) = claimed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing)
        precondition(exchanged, "a Player plays once: start() or run() was already called")
    }

    private func finish(_ result: PlaybackResult) {
        lock.withLock { $0.result = result }
        transport.ended.store(true, ordering: .releasing)
    }
}
