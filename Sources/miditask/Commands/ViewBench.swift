// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Benchmarks
import CommandLineSupport
import FoundationEssentials
import Playback
import SystemClock

/// `miditask bench view`: what the live view costs while playing.
struct ViewBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "view",
        abstract: "Measure the live view's processor cost and its effect on the scheduler's lateness.",
        discussion: """
            Plays a busy 8-instrument song ROUNDS times without the view and ROUNDS times \
            with it, taking turns so both see the same machine load. The view draws at its \
            normal rate into a pseudo-terminal of the given size, whose other side a thread \
            reads as a terminal emulator would.
            """)

    @Option(help: ArgumentHelp("Seconds of song per round.", valueName: "S"))
    var seconds = 5.0

    @Option(help: "Rounds of each configuration.")
    var rounds = 4

    @Option(help: ArgumentHelp("The terminal's size.", valueName: "COLUMNSxROWS"))
    var size = "120x40"

    @Flag(help: "Run the scheduler thread at normal priority, as where real-time priority is refused.")
    var normalPriority = false

    func validate() throws {
        guard seconds.isFinite, (1...600).contains(seconds) else { throw ValidationError("--seconds \(seconds): expected 1–600") }
        guard (1...100).contains(rounds) else { throw ValidationError("--rounds \(rounds): expected 1–100") }
        _ = try terminalSize()
    }

    func terminalSize() throws -> (width: Int, height: Int) {
        let parts = size.lowercased().split(separator: "x").compactMap { Int($0) }
        guard parts.count == 2, (20...1000).contains(parts[0]), (5...500).contains(parts[1]) else {
            throw ValidationError("--size \(size): expected COLUMNSxROWS, e.g. 120x40")
        }
        return (parts[0], parts[1])
    }

    func run() throws {
        let (width, height) = try terminalSize()
        let bench = ViewBenchmark(seconds: seconds, width: width, height: height, realTimePriority: !normalPriority)
        let events = bench.timeline().events.count
        print("live view: \(width)×\(height) terminal, \(events) events in \(seconds) s per round, "
            + "\(rounds) rounds each, alternating")
        var without = ViewBenchmark.Report(), with = ViewBenchmark.Report()
        for _ in 0..<rounds {
            without.merge(try bench.run(withView: false))
            with.merge(try bench.run(withView: true))
        }
        print("view       p50 µs   p99 µs   max µs   view cpu %   terminal KB/s")
        for (name, r) in [("without", without), ("with", with)] {
            let cpu = name == "with" ? String(cFormat: "%.2f", r.viewShare * 100) : "-"
            let rate = name == "with" ? String(cFormat: "%.1f", Double(r.bytes) / 1024 / max(r.viewWall.seconds, 1e-9)) : "-"
            print(pad(name, 8) + [r.percentile(50), r.percentile(99), r.maximum].map { pad(micro($0), 9, right: true) }.joined()
                + pad(cpu, 13, right: true) + pad(rate, 16, right: true))
        }
        if normalPriority {
            print("scheduler thread ran at normal priority (--normal-priority)")
        } else {
            print(with.notice.map { "note: \($0)" } ?? "scheduler thread ran with SCHED_FIFO real-time priority")
        }
    }

    private func micro(_ t: TimeAmount) -> String { String(cFormat: "%.1f", Double(t.nanoseconds) / 1000) }

    private func pad(_ s: String, _ width: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - s.count))
        return right ? fill + s : s + fill
    }
}
