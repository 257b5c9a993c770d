// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import MIDITask
import Sequencer

/// The song's tempo as found from its notes, or as the user states it.
struct TempoOptions: ParsableArguments {
    @Option(name: .customLong("bpm"), help: ArgumentHelp(
        "The song's tempo in beats per minute (40–240), instead of estimating it from the notes.", valueName: "N"))
    var bpm: Double?

    @Option(name: .customLong("first-beat"), help: ArgumentHelp(
        "Where the first bar starts, in seconds, instead of the estimate's.", valueName: "S"))
    var firstBeat: Double?

    func validate() throws {
        if let bpm, !(bpm.isFinite && TempoEstimator.bpmRange.contains(bpm)) {
            throw ValidationError("--bpm \(bpm): expected 40–240 beats per minute")
        }
        if let firstBeat, !(firstBeat.isFinite && firstBeat >= 0) {
            throw ValidationError("--first-beat \(firstBeat): expected seconds, 0 or more")
        }
    }

    /// The tempo for `task` (nil when there are too few notes to estimate and none is given).
    func tempo(of task: MIDITask, timeline: Timeline) -> TempoEstimate? {
        let estimate = TempoEstimator.estimate(task: task, plan: timeline.plan)
        guard bpm != nil || firstBeat != nil else { return estimate }
        // Given values win; what is not given comes from the estimate when it can be trusted.
        let trusted = estimate.flatMap { $0.isReliable ? $0 : nil }
        let first = firstBeat.map { Int64(($0 * 1e9).rounded()) } ?? trusted?.firstBeat
            ?? task.instruments.flatMap(\.notes).map(\.start).min() ?? 0
        return TempoEstimate.fixed(bpm: bpm ?? trusted?.bpm ?? 120, beatsPerBar: trusted?.beatsPerBar ?? 4,
                                   firstBeat: first, duration: task.duration)
    }

    /// The tempo to build on: given, or estimated with enough confidence;
    /// otherwise nil, and why not ("the tempo is not clear (confidence 0.31)").
    func trusted(of task: MIDITask, timeline: Timeline) -> (tempo: TempoEstimate?, unclear: String) {
        let given = bpm != nil || firstBeat != nil
        let song = tempo(of: task, timeline: timeline)
        if let song, given || song.isReliable { return (song, "") }
        // Not given, so `song` is the estimate itself.
        return (nil, song.map { String(format: "the tempo is not clear (confidence %.2f)", $0.confidence) }
                    ?? "there are too few notes to tell the tempo")
    }
}
