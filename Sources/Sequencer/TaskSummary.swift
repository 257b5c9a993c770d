// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// What `miditask info` reports about a task, ready to print or encode.
public struct TaskSummary: Sendable, Codable, Equatable {
    public struct InstrumentSummary: Sendable, Codable, Equatable {
        public var name: String
        /// 0–127, as on the wire; 0 for the drum kit (kit 0, "Standard").
        public var program: Int
        public var programName: String
        /// 1–16, as musicians count.
        public var channel: Int
        public var isDrum: Bool
        public var noteCount: Int
        public var lowestPitch: Int?
        public var highestPitch: Int?
        /// "generalMIDI", "guessed", "fallback" or "override".
        public var mapping: String
        /// The ALSA port it is routed to (`--route`), as given; absent when not routed.
        public var port: String?
    }

    /// The song's pulse, as `info --json` gives it.
    public struct TempoSummary: Sendable, Codable, Equatable {
        public var bpm: Double
        /// "4/4" or "3/4".
        public var meter: String
        public var firstBeatSeconds: Double
        public var confidence: Double
        /// true when --bpm or --first-beat gave it rather than the notes.
        public var given: Bool
        /// The runner-up reading (usually twice or half the tempo) when the
        /// notes support it nearly as well; absent otherwise and when given.
        public var alternative: Alternative?

        public struct Alternative: Sendable, Codable, Equatable {
            public var bpm: Double
            public var confidence: Double
        }
    }

    public var taskId: String?
    public var shape: String
    public var state: String?
    public var durationSeconds: Double
    public var noteCount: Int
    public var instruments: [InstrumentSummary]
    public var warnings: [String]
    /// Absent when there are too few notes to tell.
    public var tempo: TempoSummary?

    /// The summary of `task` as `timeline` plays it: its channel plan, and
    /// the warnings of the task and of the timeline.
    public init(task: MIDITask, timeline: Timeline, tempo: TempoEstimate? = nil, tempoGiven: Bool = false) {
        let plan = timeline.plan
        taskId = task.taskId
        shape = task.shape.rawValue
        state = task.state
        durationSeconds = Double(task.duration) / 1e9
        noteCount = task.noteCount
        instruments = zip(task.instruments, plan.assignments).map { instrument, assignment in
            let pitches = instrument.notes.map(\.pitch)
            return InstrumentSummary(
                name: instrument.name,
                program: Int(assignment.program),
                programName: assignment.isDrum ? "Drum kit" : GeneralMIDI.programNames[Int(assignment.program)],
                channel: assignment.channel.number,
                isDrum: assignment.isDrum,
                noteCount: instrument.notes.count,
                lowestPitch: pitches.min().map(Int.init),
                highestPitch: pitches.max().map(Int.init),
                mapping: "\(assignment.source)")
        }
        var warnings = task.warnings + timeline.warnings
        if noteCount == 0 { warnings.append("the task has no notes: there is nothing to play") }
        self.warnings = warnings
        self.tempo = tempo.map { t in
            TempoSummary(bpm: (t.bpm * 10).rounded() / 10, meter: "\(t.beatsPerBar)/4",
                         firstBeatSeconds: (Double(t.firstBeat) / 1e6).rounded() / 1000,
                         confidence: (t.confidence * 100).rounded() / 100, given: tempoGiven,
                         alternative: tempoGiven ? nil : t.alternative.map {
                             .init(bpm: ($0.bpm * 10).rounded() / 10, confidence: ($0.confidence * 100).rounded() / 100)
                         })
        }
    }
}

/// Note names as musicians write them, middle C (60) being C4.
public enum NoteName {
    static let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

    public static func of(_ pitch: Int) -> String { "\(names[pitch % 12])\(pitch / 12 - 1)" }
}
