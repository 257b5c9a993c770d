// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Benchmarks
import CommandLineSupport
import Playback
import SystemClock

/// `miditask bench scheduler`: how late events leave the scheduler.
struct SchedulerBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Measure the scheduler's dispatch lateness and processor cost.",
        discussion: """
            Plays a note-on or note-off every INTERVAL to an output that only reads \
            the monotonic clock: idle and with every other core busy, each with the \
            sleep-then-spin wait and with a plain clock_nanosleep to the deadline. \
            The two waits take turns in ROUNDS blocks, so that both see the same \
            machine load.
            """)

    @Option(help: "Events per configuration (split over the rounds).")
    var events = 10_000

    @Option(help: ArgumentHelp("Time between events, in milliseconds.", valueName: "MS"))
    var interval = 2.0

    @Option(help: "Blocks the events are split into, alternating the two waits.")
    var rounds = 10

    @Option(help: ArgumentHelp("Spin for a fixed margin instead of the adaptive one, in microseconds.", valueName: "US"))
    var margin: Double?

    @Flag(help: "Run the scheduler thread at normal priority, as where real-time priority is refused.")
    var normalPriority = false

    func validate() throws {
        guard events >= 100 else { throw ValidationError("--events \(events): use at least 100 for percentiles to mean something") }
        guard (1...events / 10).contains(rounds) else {
            throw ValidationError("--rounds \(rounds): expected 1 to \(events / 10) (at least 10 events a round)")
        }
        if let margin, !(margin.isFinite && margin >= 0 && margin <= 10_000) {
            throw ValidationError("--margin \(margin): expected 0–10000 microseconds")
        }
        guard interval.isFinite, interval >= 0.05, interval <= 1000 else {
            throw ValidationError("--interval \(interval): expected 0.05–1000 milliseconds")
        }
    }

    func run() throws {
        let block = SchedulerBenchmark(events: events / rounds, interval: .seconds(interval / 1000),
                                       realTimePriority: !normalPriority)
        let seconds = Double(block.events * rounds * 4) * interval / 1000
        print("scheduler dispatch lateness: \(block.events * rounds) events every \(interval) ms per line, "
            + "in \(rounds) alternating rounds (\(Int(seconds.rounded())) s in all)")
        print("load    wait                 p50 µs   p99 µs   max µs   cpu %   margin µs")
        var notice: String?
        for loaded in [false, true] {
            let spin = MonotonicClock(policy: margin.map { .spin(margin: .seconds($0 / 1e6)) } ?? .adaptiveSpin)
            let plain = MonotonicClock(policy: .sleepOnly)
            var spinReport = SchedulerBenchmark.Report()
            var plainReport = SchedulerBenchmark.Report()
            for _ in 0..<rounds {
                spinReport.merge(try block.run(clock: spin, loaded: loaded))
                plainReport.merge(try block.run(clock: plain, loaded: loaded))
            }
            notice = notice ?? spinReport.notice
            let load = loaded ? "busy" : "idle"
            print(line(load, margin == nil ? "sleep + spin" : "sleep + fixed spin", spinReport, margin: micro(spin.spinMargin)))
            print(line(load, "clock_nanosleep only", plainReport, margin: "-"))
        }
        if normalPriority {
            print("scheduler thread ran at normal priority (--normal-priority)")
        } else {
            print(notice.map { "note: \($0)" } ?? "scheduler thread ran with SCHED_FIFO real-time priority")
        }
    }

    private func line(_ load: String, _ wait: String, _ r: SchedulerBenchmark.Report, margin: String) -> String {
        pad(load, 8) + pad(wait, 20)
            + [r.percentile(50), r.percentile(99), r.maximum].map { pad(micro($0), 9, right: true) }.joined()
            + pad(String(cFormat: "%.1f", r.cpuShare * 100), 8, right: true)
            + pad(margin, 12, right: true)
    }

    private func micro(_ t: TimeAmount) -> String { String(cFormat: "%.1f", Double(t.nanoseconds) / 1000) }

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
