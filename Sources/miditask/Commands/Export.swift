// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import MIDITask
import Sequencer

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a task as a Standard MIDI File (type 1, one track per instrument).")

    @OptionGroup var source: SourceOptions

    @Option(name: .shortAndLong, help: "The MIDI file to write.")
    var output: String

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @Option(help: "Semitones to transpose melodic instruments by.")
    var transpose: Int = 0

    @OptionGroup(title: "Tempo") var tempo: TempoOptions

    @Option(name: .customLong("tempo"), help: ArgumentHelp(
        "\"song\": the file carries the song's tempo and meter, its bars where the song's are (estimated from the notes, or --bpm/--first-beat); \"keep\": a fixed 120 BPM in 4/4, as before.",
        valueName: "song|keep"))
    var tempoMode = "song"

    @OptionGroup(title: "Quantize") var quantize: QuantizeOptions

    func validate() throws {
        guard ["song", "keep"].contains(tempoMode) else {
            throw ValidationError("--tempo \(tempoMode): expected \"song\" or \"keep\"")
        }
        if tempoMode == "keep" && (tempo.bpm != nil || tempo.firstBeat != nil) && !quantize.isOn {
            throw ValidationError("--tempo keep writes 120 BPM: it cannot go with --bpm or --first-beat (unless they set the --quantize grid)")
        }
    }

    func run() throws {
        let prepared = try quantize.song(from: try source.loadTask(), source: source,
                                         options: Timeline.Options(transpose: transpose), tempo: tempo,
                                         needsTempo: tempoMode == "song")
        let task = prepared.task, timeline = prepared.timeline
        printWarnings(prepared.warnings)
        if let summary = quantize.summary(of: prepared) { printError(summary) }
        var map = TempoMap.fixed120
        var tempoText = "120 BPM 4/4 (--tempo keep)"
        if tempoMode == "song" {
            if let song = prepared.tempo {
                map = TempoMap(estimate: song, duration: timeline.duration)
                tempoText = String(cFormat: "%.1f BPM %d/4", song.bpm, song.beatsPerBar)
                    + (song.isSteady ? "" : " (a tempo per bar: it drifts)")
                    + String(cFormat: ", first bar at %.3f s", Double(song.firstBeat) / 1e9)
            } else {
                tempoText = "120 BPM 4/4: \(prepared.unclear); --bpm sets it"
            }
        }
        let bytes = StandardMIDIFile.bytes(for: timeline, title: task.taskId, tempo: map)
        try FileOutput.write(bytes, to: output, overwrite: force)
        printError("wrote \(output): \(timeline.noteCount) notes, \(task.instruments.count) tracks, "
            + "\(Columns.clock(Double(task.duration) / 1e9)), \(tempoText)")
    }
}
