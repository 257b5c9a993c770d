// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#endif
import BenchmarkData
import FoundationEssentials
import LiveView
import MIDITask
import MIDIWire
import Playback
import Sequencer
import SystemClock

/// What the live view costs while a song plays: the processor time of the
/// thread drawing it, and the scheduler's lateness with it drawing against
/// without.
///
/// The view draws into a pseudo-terminal of a chosen size (a thread reads
/// and discards what a terminal emulator would show), at its normal 20
/// frames a second; the song is a busy band (8 instruments, ~32 notes a
/// second) played to an output that only stamps the time.
public struct ViewBenchmark: Sendable {
    public var seconds: Double
    public var width: Int
    public var height: Int
    public var realTimePriority: Bool

    public init(seconds: Double = 5, width: Int = 120, height: Int = 40, realTimePriority: Bool = true) {
        self.seconds = seconds
        self.width = width
        self.height = height
        self.realTimePriority = realTimePriority
    }

    public struct Report: Sendable {
        public fileprivate(set) var lateness: [TimeAmount] = []
        /// The drawing thread's processor time and the wall time it ran (zero without the view).
        public fileprivate(set) var viewCPU = TimeAmount.zero
        public fileprivate(set) var viewWall = TimeAmount.zero
        /// Bytes the view wrote to the terminal.
        public fileprivate(set) var bytes = 0
        public var notice: String?

        public init() {}

        public mutating func merge(_ other: Report) {
            lateness = (lateness + other.lateness).sorted()
            viewCPU = viewCPU + other.viewCPU
            viewWall = viewWall + other.viewWall
            bytes += other.bytes
            notice = notice ?? other.notice
        }

        public var viewShare: Double { viewWall > .zero ? viewCPU.seconds / viewWall.seconds : 0 }
        public func percentile(_ p: Double) -> TimeAmount { Percentile.of(lateness, p) }
        public var maximum: TimeAmount { lateness.last! }
    }

    /// The song: 8 instruments, drums on eighths and the rest on a mix of
    /// eighths, quarters and held notes, `seconds` long.
    public func timeline() -> Timeline {
        let names = ["Drums", "Electric Bass (finger)", "Acoustic Grand Piano", "String Ensemble 1",
                     "Overdriven Guitar", "Alto Sax", "Choir Aahs", "Flute"]
        let steps = [0.125, 0.25, 0.25, 1.0, 0.5, 0.25, 1.0, 0.125]
        var rng = SplitMix(seed: 7)
        let instruments = names.enumerated().map { i, name in
            var notes: [Note] = []
            var t = 0.0
            while t + steps[i] <= seconds {
                let key = i == 0 ? UInt8([36, 42, 38, 42][notes.count % 4]) : UInt8(36 + i * 4 + Int(rng.next() % 12))
                notes.append(Note(pitch: key, start: Int64(t * 1e9), end: Int64((t + steps[i] * 0.9) * 1e9),
                                  velocity: 0.5 + Double(rng.next() % 50) / 100))
                t += steps[i]
            }
            return Instrument(name: name, notes: notes)
        }
        return Timeline(task: MIDITask(instruments: instruments))
    }

    public func run(withView: Bool) throws -> Report {
        let timeline = timeline()
        let output = TimestampingOutput(capacity: timeline.events.count)
        let player = Player(timeline: timeline, output: output,
                            options: Player.Options(realTimePriority: realTimePriority))
        var report = Report()
        if withView {
            let terminal = try PseudoTerminal(width: width, height: height)
            let model = LiveModel(timeline: timeline, taskId: "bench-view", output: "timestamps only")
            let session = LiveSession(player: player, terminal: TerminalMode(input: terminal.follower, output: terminal.follower),
                                      model: model, palette: .color)
            try player.start()
            let cpuStart = Self.threadCPU(), wallStart = Self.monotonic()
            _ = session.run()
            report.viewCPU = .nanoseconds(Self.threadCPU() - cpuStart)
            report.viewWall = .nanoseconds(Self.monotonic() - wallStart)
            report.bytes = terminal.close()
        } else {
            try player.start()
        }
        _ = player.wait()
        let origin = player.startInstant!
        report.lateness = timeline.events.indices.map { i in
            output.stamp(i) - (origin + .nanoseconds(timeline.events[i].time))
        }.sorted()
        report.notice = player.notice
        return report
    }

    static func threadCPU() -> Int64 { TimeAmount.processorTimeOfThisThread().nanoseconds }

    static func monotonic() -> Int64 { MonotonicInstant.now().nanoseconds }
}

/// A pseudo-terminal pair of a given size, with a thread reading (and
/// counting) everything written to the terminal side, as an emulator would.
final class PseudoTerminal: @unchecked Sendable {
    // @unchecked: the descriptors are set once; `bytes` is written by the reader
    // thread only until `close()` joins it.
    let leader: Int32
    let follower: Int32
    private var bytes = 0
    private var reader: NamedThread?

    init(width: Int, height: Int) throws {
        // posix_openpt and friends are hidden from Swift by glibc's feature macros:
        // the same steps through /dev/ptmx and its two ioctls (Linux's generic
        // numbers, the same on x86-64 and arm64).
        let unlock: UInt = 0x4004_5431  // TIOCSPTLCK
        let number: UInt = 0x8004_5430  // TIOCGPTN
        leader = open("/dev/ptmx", O_RDWR | O_NOCTTY)
        var locked: Int32 = 0, index: UInt32 = 0
        guard leader >= 0, ioctl(leader, unlock, &locked) == 0, ioctl(leader, number, &index) == 0 else {
            throw BenchmarkFailure("no pseudo-terminal: " + String(cString: strerror(errno)))
        }
        follower = open("/dev/pts/\(index)", O_RDWR | O_NOCTTY)
        guard follower >= 0 else { throw BenchmarkFailure("cannot open /dev/pts/\(index): " + String(cString: strerror(errno))) }
        var size = winsize(ws_row: UInt16(height), ws_col: UInt16(width), ws_xpixel: 0, ws_ypixel: 0)
        _ = ioctl(leader, UInt(TIOCSWINSZ), &size)
        reader = try NamedThread(name: "bench-terminal") { [self] in
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let n = read(leader, &buffer, buffer.count)
                if n <= 0 { break }
                bytes += n
            }
        }
    }

    /// Closes both sides and returns how many bytes were read.
    func close() -> Int {
        Glibc.close(follower)
        reader?.join()
        reader = nil
        Glibc.close(leader)
        return bytes
    }
}

struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
