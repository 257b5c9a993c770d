// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import MIDITask
import Playback
import Sequencer

/// Which part of the task sounds, how fast, and with which instruments:
/// the options `play` and `render` share, so a setting that renders also plays.
struct SongSelection: ParsableArguments {
    @Option(help: ArgumentHelp("Speed factor, 0.25–4 (2 plays twice as fast).", valueName: "FACTOR"))
    var tempo: Double = 1

    @Option(help: ArgumentHelp("Start this many seconds into the song.", valueName: "SECONDS"))
    var start: Double?

    @Option(help: ArgumentHelp("Stop this many seconds into the song (sounding notes are released).", valueName: "SECONDS"))
    var end: Double?

    @Option(help: "Semitones to transpose melodic instruments by (drums stay).")
    var transpose: Int = 0

    @Option(name: .customLong("mute"), parsing: .singleValue,
            help: ArgumentHelp("Leave out an instrument, by name or by its number in `miditask info`. Repeatable.",
                               valueName: "NAME|INDEX"))
    var mutes: [String] = []

    @Option(name: .customLong("solo"), parsing: .singleValue,
            help: ArgumentHelp("Play only this instrument (by name or number); repeat to keep several.",
                               valueName: "NAME|INDEX"))
    var solos: [String] = []

    func validate() throws {
        guard Player.Options.tempoRange.contains(tempo) else {
            throw ValidationError("--tempo \(tempo): the factor must be within 0.25–4")
        }
        if let start, !(start.isFinite && start >= 0) {
            throw ValidationError("--start \(start): expected a number of seconds, 0 or more")
        }
        if let end, !(end.isFinite && end > 0) {
            throw ValidationError("--end \(end): expected a number of seconds, more than 0")
        }
        if let start, let end, end <= start {
            throw ValidationError("--end \(end) must come after --start \(start)")
        }
        guard (-127...127).contains(transpose) else {
            throw ValidationError("--transpose \(transpose): expected semitones within -127…127")
        }
    }

    /// The timeline options these choices mean for `task`.
    func timelineOptions(for task: MIDITask) throws -> Timeline.Options {
        Timeline.Options(transpose: transpose, muted: try mutedInstruments(of: task))
    }

    /// Indices of the instruments `--mute` and `--solo` leave out.
    ///
    /// A name matches every instrument of that name (as `--program` matches
    /// them); a number is the instrument's line in `miditask info`, from 1.
    func mutedInstruments(of task: MIDITask) throws -> Set<Int> {
        let muted = try Set(mutes.flatMap { try instruments(named: $0, in: task, option: "--mute") })
        let soloed = try Set(solos.flatMap { try instruments(named: $0, in: task, option: "--solo") })
        // The live view's rule too: muted is silent; while any is soloed, only soloed ones play.
        return InstrumentMix(count: task.instruments.count, muted: muted, soloed: soloed).silent
    }

    private func instruments(named spec: String, in task: MIDITask, option: String) throws -> [Int] {
        try InstrumentSelector.positions(spec, in: task.instruments.map(\.name), option: option)
    }
}
