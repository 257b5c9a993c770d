// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// The song's tempo as the user states it (`--bpm`, `--first-beat`), the rest
/// from the notes' estimate, and whether it is one to build on.
///
/// Every command decides it here: `info` shows the tempo, `roll` draws bar
/// lines, `play --clock`, the live view and `--quantize` build on it. What is
/// given wins; what is not comes from the estimate where that can be trusted
/// (`TempoEstimate.isReliable`), else from defaults (120 BPM, 4/4, the first
/// note).
public struct TempoChoice: Sendable, Hashable {
    /// Beats per minute, if given.
    public var bpm: Double?
    /// Where the first bar starts, in seconds, if given.
    public var firstBeat: Double?

    public init(bpm: Double? = nil, firstBeat: Double? = nil) {
        self.bpm = bpm
        self.firstBeat = firstBeat
    }

    /// Whether the user stated any of it.
    public var isGiven: Bool { bpm != nil || firstBeat != nil }

    /// The tempo for `task`: the estimate when nothing is given, else what is
    /// given filled in as above. Nil when nothing is given and there are too
    /// few notes to estimate.
    public func tempo(of task: MIDITask, plan: ChannelPlan) -> TempoEstimate? {
        let estimate = TempoEstimator.estimate(task: task, plan: plan)
        guard isGiven else { return estimate }
        let trusted = estimate.flatMap { $0.isReliable ? $0 : nil }
        let first = firstBeat.map { Int64(($0 * 1e9).rounded()) } ?? trusted?.firstBeat
            ?? task.instruments.flatMap(\.notes).map(\.start).min() ?? 0
        return TempoEstimate.fixed(bpm: bpm ?? trusted?.bpm ?? 120, beatsPerBar: trusted?.beatsPerBar ?? 4,
                                   firstBeat: first, duration: task.duration)
    }

    /// The tempo to build on: given, or estimated with enough confidence;
    /// otherwise nil, and why not ("the tempo is not clear (confidence 0.31)").
    public func trusted(of task: MIDITask, plan: ChannelPlan) -> (tempo: TempoEstimate?, unclear: String) {
        let song = tempo(of: task, plan: plan)
        if let song, isGiven || song.isReliable { return (song, "") }
        // Not given, so `song` is the estimate itself.
        return (nil, song.map { "the tempo is not clear (confidence \(Self.twoDecimals($0.confidence)))" }
                    ?? "there are too few notes to tell the tempo")
    }

    /// "0.31" for 0.3125, as %.2f would write a confidence (0–1).
    static func twoDecimals(_ value: Double) -> String {
        let hundredths = Int((max(0, value) * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
