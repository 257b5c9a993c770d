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

    public var taskId: String?
    public var shape: String
    public var state: String?
    public var durationSeconds: Double
    public var noteCount: Int
    public var instruments: [InstrumentSummary]
    public var warnings: [String]

    /// The summary of `task` as `timeline` plays it: its channel plan, and
    /// the warnings of the task and of the timeline.
    public init(task: MIDITask, timeline: Timeline) {
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
    }
}

/// Note names as musicians write them, middle C (60) being C4.
public enum NoteName {
    static let names = ["C", "C#", "D", "D#", "E", "F", "F#", "G", "G#", "A", "A#", "B"]

    public static func of(_ pitch: Int) -> String { "\(names[pitch % 12])\(pitch / 12 - 1)" }
}
