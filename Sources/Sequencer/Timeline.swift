import MIDITask

/// A task merged into one sorted list of channel events, ready to play.
///
/// Built once before playback: the channel set-up (bank select and program
/// change at time 0), then every note as a note-on and a note-off.
///
/// Order at equal times is decided by `EventOrder`, never by accident:
/// set-up first, then note-offs, then note-ons, then the task's order.
///
/// Overlapping notes of one key on one channel (common in transcriptions)
/// are made playable: a later start retriggers the key (note-off, then
/// note-on, at that instant), the key is released when the last of the
/// overlapping notes ends, and every note-on has exactly one note-off.
/// Notes starting together on one key sound once, at the louder velocity.
public struct Timeline: Sendable {
    public var events: [TimelineEvent]
    public var plan: ChannelPlan
    /// Time of the last event, in nanoseconds.
    public var duration: Int64
    /// Note-ons in `events`.
    public var noteCount: Int
    /// What building had to say (channel plan, transposed notes dropped).
    public var warnings: [String]

    /// A note of zero length still sounds this long, so that its note-off
    /// never precedes its note-on.
    public static let minimumNoteLength: Int64 = 1_000_000

    public struct Options: Sendable {
        /// Instrument name → program, overriding the name mapping.
        public var programOverrides: [String: ProgramChoice] = [:]
        /// Semitones added to melodic notes (drum keys are instruments, so they stay).
        public var transpose: Int = 0
        /// Indices of instruments left out.
        public var muted: Set<Int> = []

        public init(programOverrides: [String: ProgramChoice] = [:], transpose: Int = 0, muted: Set<Int> = []) {
            self.programOverrides = programOverrides
            self.transpose = transpose
            self.muted = muted
        }
    }

    public init(task: MIDITask, options: Options = Options()) {
        let plan = ChannelPlan(instruments: task.instruments, overrides: options.programOverrides)
        var warnings = plan.warnings
        var builder = EventBuilder()

        for setup in plan.channels {
            // Drum kits are chosen by the channel alone: a bank select on
            // channel 10 turns it into a melodic part on XG synths, so only
            // melodic channels get one.
            if !setup.isDrum {
                builder.add(.control(0, setup.channel, Controller.bankSelectMSB, 0), order: .setup)
                builder.add(.control(0, setup.channel, Controller.bankSelectLSB, 0), order: .setup)
            }
            builder.add(.program(0, setup.channel, setup.program), order: .setup)
        }

        // Bucket notes by (channel, key), keeping the task's order.
        var buckets = [[NoteRef]](repeating: [], count: 16 * 128)
        var ordinal: UInt32 = 0
        var outOfRange = 0
        for (i, instrument) in task.instruments.enumerated() {
            let assignment = plan.assignments[i]
            let shift = assignment.isDrum ? 0 : options.transpose
            for (n, note) in instrument.notes.enumerated() {
                defer { ordinal &+= 1 }
                if options.muted.contains(i) { continue }
                let key = Int(note.pitch) + shift
                guard (0...127).contains(key) else { outOfRange += 1; continue }
                let bucket = Int(assignment.channel.rawValue) * 128 + key
                buckets[bucket].append(NoteRef(instrument: UInt16(truncatingIfNeeded: i), index: UInt32(n), ordinal: ordinal))
            }
        }
        if outOfRange > 0 {
            warnings.append("transposing by \(options.transpose) put \(outOfRange) notes outside 0–127; they are left out")
        }

        var noteCount = 0
        for (b, bucket) in buckets.enumerated() where !bucket.isEmpty {
            let channel = MIDIChannel(UInt8(b / 128))
            let key = UInt8(b % 128)
            noteCount += builder.addKey(bucket, channel: channel, key: key, task: task)
        }

        self.events = builder.sorted()
        self.plan = plan
        self.duration = events.last?.time ?? 0
        self.noteCount = noteCount
        self.warnings = warnings
    }
}

/// A note of the task, by position.
struct NoteRef {
    var instrument: UInt16
    var index: UInt32
    /// Position in the whole task (instruments in order, then notes).
    var ordinal: UInt32
}
