// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FoundationEssentials
import MIDITask
import MIDIWire
import Playback
import Sequencer
import Synchronization
import SystemClock

/// Measures how late the scheduler hands events to an output.
///
/// Plays a synthetic timeline (a note-on or note-off every `interval`) to
/// an output that only reads CLOCK_MONOTONIC, and compares each reading with
/// the event's deadline. Runs on the real clock and the real scheduler thread.
public struct SchedulerBenchmark: Sendable {
    public var events: Int
    public var interval: TimeAmount
    /// Ask for SCHED_FIFO, as playback does; off measures a normal-priority thread.
    public var realTimePriority: Bool

    public init(events: Int = 10_000, interval: TimeAmount = .milliseconds(2), realTimePriority: Bool = true) {
        precondition(events > 0 && interval > .zero, "a benchmark needs events and a positive interval")
        self.events = events
        self.interval = interval
        self.realTimePriority = realTimePriority
    }

    /// Lateness figures for one or more runs of one configuration.
    public struct Report: Sendable {
        /// Dispatch time minus deadline, for every event, sorted ascending.
        public fileprivate(set) var lateness: [TimeAmount] = []
        /// Scheduler thread processor time and wall time, summed over the runs.
        public fileprivate(set) var cpuTime = TimeAmount.zero
        public fileprivate(set) var wallTime = TimeAmount.zero
        public var notice: String?

        public init() {}

        /// Adds another run's figures.
        public mutating func merge(_ other: Report) {
            lateness = (lateness + other.lateness).sorted()
            cpuTime = cpuTime + other.cpuTime
            wallTime = wallTime + other.wallTime
            notice = notice ?? other.notice
        }

        /// Processor time of the scheduler thread as a fraction of wall time.
        public var cpuShare: Double { wallTime > .zero ? cpuTime.seconds / wallTime.seconds : 0 }

        public func percentile(_ p: Double) -> TimeAmount { Percentile.of(lateness, p) }
        public var maximum: TimeAmount { lateness.last! }
    }

    /// Plays once on `clock`; with `loaded`, every other processor is kept
    /// busy by a spinning thread for the whole run. Reusing a clock across
    /// runs keeps what its adaptive margin has learnt.
    public func run(clock: MonotonicClock, loaded: Bool) throws(SystemCallError) -> Report {
        var timeline = Timeline(task: MIDITask(instruments: []))
        timeline.events = (0..<events).map { i in
            let time = Int64(i) * interval.nanoseconds
            let message: MIDIMessage = i % 2 == 0 ? .noteOn(MIDIChannel(0), key: 60, velocity: 64)
                                                  : .noteOff(MIDIChannel(0), key: 60)
            return TimelineEvent(time: time, message: message, track: 0)
        }
        timeline.duration = timeline.events.last!.time
        timeline.noteCount = (events + 1) / 2

        let output = TimestampingOutput(capacity: events)
        let player = Player(timeline: timeline, output: output,
                            options: Player.Options(realTimePriority: realTimePriority), clock: clock)

        let spinning = Switch()
        var busy: [NamedThread] = []
        if loaded {
            for _ in 1..<max(2, ProcessInfo.processInfo.activeProcessorCount) {
                busy.append(try NamedThread(name: "bench-busy") { [spinning] in
                    while spinning.on.load(ordering: .relaxed) {}
                })
            }
        }
        let wallStart = clock.now()
        try player.start()
        _ = player.wait()
        let wall = clock.now() - wallStart
        spinning.on.store(false, ordering: .relaxed)
        for thread in busy { thread.join() }

        let origin = player.startInstant!
        let lateness = (0..<events).map { i in
            output.stamp(i) - (origin + .nanoseconds(timeline.events[i].time))
        }
        var report = Report()
        report.lateness = lateness.sorted()
        report.cpuTime = player.schedulerCPUTime ?? .zero
        report.wallTime = wall
        report.notice = player.notice
        return report
    }
}

/// Keeps the load threads spinning while on.
private final class Switch: Sendable {
    let on = Atomic<Bool>(true)
}

/// Notes when each message arrives, and nothing else: a buffer allocated
/// up front, one clock read per message.
final class TimestampingOutput: MIDIOutput {
    private var stamps: [Int64]
    private var count = 0

    init(capacity: Int) { stamps = [Int64](repeating: 0, count: capacity) }

    func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        // The silencing messages at the end have no deadline: only events are kept.
        guard count < stamps.count else { return }
        stamps[count] = MonotonicInstant.now().nanoseconds
        count += 1
    }

    func flush() throws(MIDIOutputError) {}

    func stamp(_ i: Int) -> MonotonicInstant { MonotonicInstant(nanoseconds: stamps[i]) }
}
