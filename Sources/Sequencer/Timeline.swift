// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import MIDIWire

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
/// Notes starting together on one key sound once, at the louder velocity;
/// each instrument has a channel of its own unless the plan makes some
/// share, and a warning counts the notes that sharing merged.
public struct Timeline: Sendable {
    public var events: [TimelineEvent]
    public var plan: ChannelPlan
    /// Time of the last event, in nanoseconds.
    public var duration: Int64
    /// Note-ons in `events`.
    public var noteCount: Int
    /// What building had to say (channel plan, notes merged on shared
    /// channels, transposed notes dropped).
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
        self.init(task: task, plan: ChannelPlan(instruments: task.instruments, overrides: options.programOverrides),
                  options: options)
    }

    /// Builds the timeline on a plan made for `task.instruments` (channels
    /// the user chose, say); `options.programOverrides` is then unused, as
    /// the plan already applied its own.
    public init(task: MIDITask, plan: ChannelPlan, options: Options = Options()) {
        precondition(plan.assignments.count == task.instruments.count, "the plan is for another task")
        var warnings = plan.warnings
        // The notes in one flat array, in task order (the ordinal is the index).
        var flat: [FlatNote] = []
        flat.reserveCapacity(task.noteCount)
        var slot: [UInt16] = []
        slot.reserveCapacity(task.noteCount)
        let skipped = UInt16.max
        var outOfRange = 0
        for (i, instrument) in task.instruments.enumerated() {
            let assignment = plan.assignments[i]
            let shift = assignment.isDrum ? 0 : options.transpose
            let muted = options.muted.contains(i)
            let channelBase = Int(assignment.channel.rawValue) * 128
            for note in instrument.notes {
                flat.append(FlatNote(start: note.start, end: note.end, velocity: note.midiVelocity,
                                     track: UInt16(truncatingIfNeeded: i)))
                let key = Int(note.pitch) + shift
                if muted {
                    slot.append(skipped)
                } else if (0...127).contains(key) {
                    slot.append(UInt16(channelBase + key))
                } else {
                    outOfRange += 1
                    slot.append(skipped)
                }
            }
        }
        if outOfRange > 0 {
            warnings.append("transposing by \(options.transpose) put \(outOfRange) note\(outOfRange == 1 ? "" : "s") outside 0–127, left out")
        }

        var builder = EventBuilder(noteCount: flat.count)
        for setup in plan.channels {
            // Drum kits are chosen by the channel alone: a bank select on
            // channel 10 turns it into a melodic part on XG synths, so only
            // melodic channels get one.
            if !setup.isDrum {
                builder.addSetup(TimelineEvent(time: 0, message: .control(setup.channel, .bankSelectMSB, 0)))
                builder.addSetup(TimelineEvent(time: 0, message: .control(setup.channel, .bankSelectLSB, 0)))
            }
            builder.addSetup(TimelineEvent(time: 0, message: .program(setup.channel, setup.program)))
        }

        // Group the notes by (channel, key) with a counting sort, which keeps
        // task order within each group.
        let slotCount = 16 * 128
        var bucketStart = [Int](repeating: 0, count: slotCount + 1)
        for s in slot where s != skipped { bucketStart[Int(s) + 1] += 1 }
        for b in 0..<slotCount { bucketStart[b + 1] += bucketStart[b] }
        var grouped = [UInt32](repeating: 0, count: bucketStart[slotCount])
        var fill = bucketStart
        for (ordinal, s) in slot.enumerated() where s != skipped {
            grouped[fill[Int(s)]] = UInt32(ordinal)
            fill[Int(s)] += 1
        }
        slot = []

        var noteCount = 0
        var merges = SharedChannelMerges(plan: plan)
        flat.withUnsafeBufferPointer { notes in
            grouped.withUnsafeMutableBufferPointer { grouped in
                for b in 0..<slotCount where bucketStart[b] < bucketStart[b + 1] {
                    var group = UnsafeMutableBufferPointer(rebasing: grouped[bucketStart[b]..<bucketStart[b + 1]])
                    // Usually already in start order; if not, sort by start, ties in task order.
                    if zip(group, group.dropFirst()).contains(where: { notes[Int($0)].start > notes[Int($1)].start }) {
                        group.sort { notes[Int($0)].start != notes[Int($1)].start
                            ? notes[Int($0)].start < notes[Int($1)].start : $0 < $1 }
                    }
                    merges.count(UnsafeBufferPointer(group), notes: notes, channel: MIDIChannel(UInt8(b / 128)))
                    noteCount += builder.addKey(UnsafeBufferPointer(group), notes: notes,
                                                channel: MIDIChannel(UInt8(b / 128)), key: UInt8(b % 128))
                }
            }
        }

        if let warning = merges.warning { warnings.append(warning) }

        self.events = builder.sorted()
        self.plan = plan
        self.duration = events.last?.time ?? 0
        self.noteCount = noteCount
        self.warnings = warnings
    }
}

