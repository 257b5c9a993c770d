// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Sequencer

/// Everything one frame of the live view shows, gathered by the session
/// from the player and the song; the layout turns it into a `Frame`.
public struct LiveModel: Sendable {
    public struct InstrumentRow: Sendable, Hashable {
        public var name: String
        /// 1–16, as musicians count.
        public var channel: Int
        /// Where it plays when routed apart from the main output.
        public var port: String?
        public var isDrum: Bool
        public var muted: Bool
        public var soloed: Bool
        /// Heard now: not muted, and soloed when anything is.
        public var audible: Bool
        /// Notes sounding at the playhead, and the loudest one's velocity (1–127).
        public var sounding: Int
        public var loudest: UInt8

        public init(name: String, channel: Int, port: String? = nil, isDrum: Bool = false, muted: Bool = false,
                    soloed: Bool = false, audible: Bool = true, sounding: Int = 0, loudest: UInt8 = 0) {
            self.name = name
            self.channel = channel
            self.port = port
            self.isDrum = isDrum
            self.muted = muted
            self.soloed = soloed
            self.audible = audible
            self.sounding = sounding
            self.loudest = loudest
        }
    }

    public enum State: Sendable, Hashable { case playing, paused, ended }

    /// The loop as set so far: either end may be unset until `a`/`b` are pressed.
    public struct LoopMarks: Sendable, Hashable {
        public var start: Double?
        public var end: Double?
        public var isOn: Bool
        public init(start: Double? = nil, end: Double? = nil, isOn: Bool = false) {
            self.start = start
            self.end = end
            self.isOn = isOn
        }
    }

    public var taskId: String?
    /// Where the MIDI goes: port names, or FluidSynth and its SoundFont.
    public var output: String
    public var state: State = .playing
    /// Seconds of song.
    public var position: Double = 0
    public var duration: Double
    public var tempo: Double = 1
    public var loop = LoopMarks()
    public var instruments: [InstrumentRow]
    /// A short word from the player: what the last key did, or why it did nothing.
    public var message: String?
    public var showHelp = false
    /// `s` was pressed: the next digit solos.
    public var awaitingSolo = false
    public var notes: PlayedNotes?
    /// The song's beats, when its tempo is known: drawn as bar lines in the
    /// roll, and the position shown as bar.beat.
    public var meter: Meter?

    public init(taskId: String?, output: String, duration: Double, instruments: [InstrumentRow], notes: PlayedNotes? = nil) {
        self.taskId = taskId
        self.output = output
        self.duration = duration
        self.instruments = instruments
        self.notes = notes
    }
}

/// Where the beats and bars fall, in seconds of song.
public struct Meter: Sendable, Hashable {
    public var beats: [Double]
    public var beatsPerBar: Int
    /// Index in `beats` of the first downbeat (the beats before it are a pickup).
    public var firstDownbeat: Int

    public init(beats: [Double], beatsPerBar: Int, firstDownbeat: Int) {
        self.beats = beats
        self.beatsPerBar = max(1, beatsPerBar)
        self.firstDownbeat = firstDownbeat
    }

    public init(_ estimate: TempoEstimate) {
        let index = estimate.beats.firstIndex { $0 >= estimate.firstBeat } ?? 0
        self.init(beats: estimate.beats.map { Double($0) / 1e9 }, beatsPerBar: estimate.beatsPerBar, firstDownbeat: index)
    }

    /// Bar line times, from the first downbeat.
    public var barLines: [Double] {
        guard firstDownbeat < beats.count else { return [] }
        return stride(from: firstDownbeat, to: beats.count, by: beatsPerBar).map { beats[$0] }
    }

    /// "bar.beat" at `seconds` (bar 0 is the pickup), nil before the first beat.
    public func position(at seconds: Double) -> String? {
        var low = 0, high = beats.count
        while low < high {
            let mid = (low + high) / 2
            if beats[mid] <= seconds { low = mid + 1 } else { high = mid }
        }
        let index = low - 1
        guard index >= 0 else { return nil }
        let offset = index - firstDownbeat
        let bar = offset >= 0 ? offset / beatsPerBar + 1 : 0
        let beat = (offset % beatsPerBar + beatsPerBar) % beatsPerBar + 1
        return "\(bar).\(beat)"
    }
}

/// m:ss, as players show a position.
public func clockText(_ seconds: Double) -> String {
    let whole = max(0, Int(seconds.rounded(.down)))
    let s = whole % 60
    return "\(whole / 60):" + (s < 10 ? "0" : "") + "\(s)"
}

extension LiveModel {
    /// The model for playing `timeline`: one row per instrument of its plan,
    /// with the port of each routed one (by instrument index) and its notes for the roll.
    public init(timeline: Timeline, taskId: String?, output: String, ports: [Int: String] = [:]) {
        let rows = timeline.plan.assignments.enumerated().map { i, assignment in
            InstrumentRow(name: assignment.name, channel: Int(assignment.channel.rawValue) + 1, port: ports[i],
                          isDrum: assignment.isDrum)
        }
        self.init(taskId: taskId, output: output, duration: Double(timeline.duration) / 1e9, instruments: rows,
                  notes: PlayedNotes(timeline: timeline))
    }
}
