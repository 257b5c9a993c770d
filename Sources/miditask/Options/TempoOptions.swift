// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
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

    /// What the options state, for Sequencer's `TempoChoice` to fill in.
    var choice: TempoChoice { TempoChoice(bpm: bpm, firstBeat: firstBeat) }

    /// The tempo for `task` (nil when there are too few notes to estimate and none is given).
    func tempo(of task: MIDITask, timeline: Timeline) -> TempoEstimate? {
        choice.tempo(of: task, plan: timeline.plan)
    }

    /// The tempo to build on, or nil and why not (see `TempoChoice.trusted`).
    func trusted(of task: MIDITask, timeline: Timeline) -> (tempo: TempoEstimate?, unclear: String) {
        choice.trusted(of: task, plan: timeline.plan)
    }
}
