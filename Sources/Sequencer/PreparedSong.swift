// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// A task made ready to play, render or export, the one way every command
/// does it: the channel plan (programs and chosen channels), the timeline,
/// the tempo when it is needed, the notes quantized when asked (and the
/// timeline built again from them), and what to warn about.
public struct PreparedSong: Sendable {
    /// What a command asks of the song.
    public struct Request: Sendable {
        /// Programs, transposition and muted instruments.
        public var timeline: Timeline.Options
        /// `--channel` choices.
        public var channels: [ChannelRequest]
        public var tempo: TempoChoice
        /// Whether the tempo is wanted even without quantizing (the clock, bar lines).
        public var needsTempo: Bool
        public var quantize: Quantizer?

        public init(timeline: Timeline.Options = Timeline.Options(), channels: [ChannelRequest] = [],
                    tempo: TempoChoice = TempoChoice(), needsTempo: Bool = false, quantize: Quantizer? = nil) {
            self.timeline = timeline
            self.channels = channels
            self.tempo = tempo
            self.needsTempo = needsTempo
            self.quantize = quantize
        }
    }

    /// Why a song cannot be prepared.
    public enum Failure: Error, Sendable, Equatable {
        /// A `--channel` choice the task cannot meet.
        case channel(ChannelRequestError)
        /// Quantizing asked for without a tempo to trust: why not (`TempoChoice.trusted`).
        case noTempoToQuantize(unclear: String)
    }

    /// The task, quantized if asked.
    public var task: MIDITask
    public var timeline: Timeline
    /// Given, or estimated and trusted, when needed; nil otherwise (and `unclear` says why).
    public var tempo: TempoEstimate?
    public var unclear: String
    /// How far quantizing moved the notes, when it did.
    public var quantized: QuantizeSummary?

    /// The task's and the plan's warnings, to print.
    public var warnings: [String] { task.warnings + timeline.warnings }

    /// Why there is nothing to play, if there is not ("task has no notes",
    /// "every note is muted or out of range").
    public var nothingToPlay: String? {
        guard timeline.noteCount == 0 else { return nil }
        return task.noteCount == 0 ? "task has no notes" : "every note is muted or out of range"
    }

    public init(_ task: MIDITask, _ request: Request) throws(Failure) {
        let timeline = try Self.timeline(of: task, request)
        self.task = task
        self.timeline = timeline
        tempo = nil
        unclear = ""
        quantized = nil
        guard request.needsTempo || (request.quantize != nil && timeline.noteCount > 0) else { return }
        (tempo, unclear) = request.tempo.trusted(of: task, plan: timeline.plan)
        guard let quantizer = request.quantize, timeline.noteCount > 0 else { return }
        // Notes moved to a wrong grid would be worse than notes not moved.
        guard let tempo else { throw .noTempoToQuantize(unclear: unclear) }
        let (moved, summary) = quantizer.apply(to: task, map: TempoMap(estimate: tempo, duration: task.duration))
        self.task = moved
        // Quantizing moves notes in time only: the instruments, their names and
        // note counts, which the channel plan is made from, stay as they were.
        self.timeline = Timeline(task: moved, plan: timeline.plan, options: request.timeline)
        quantized = summary
    }

    private static func timeline(of task: MIDITask, _ request: Request) throws(Failure) -> Timeline {
        let plan: ChannelPlan
        do throws(ChannelRequestError) {
            plan = try ChannelPlan(instruments: task.instruments, overrides: request.timeline.programOverrides,
                                   requests: request.channels)
        } catch {
            throw .channel(error)
        }
        return Timeline(task: task, plan: plan, options: request.timeline)
    }
}
