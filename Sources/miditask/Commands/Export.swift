import ArgumentParser
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

    func validate() throws {
        guard ["song", "keep"].contains(tempoMode) else {
            throw ValidationError("--tempo \(tempoMode): expected \"song\" or \"keep\"")
        }
        if tempoMode == "keep" && (tempo.bpm != nil || tempo.firstBeat != nil) {
            throw ValidationError("--tempo keep writes 120 BPM: it cannot go with --bpm or --first-beat")
        }
    }

    func run() throws {
        let task = try source.loadTask()
        let timeline = try source.timeline(of: task, options: Timeline.Options(transpose: transpose))
        printWarnings(task.warnings + timeline.warnings)
        var map = TempoMap.fixed120
        var tempoText = "120 BPM 4/4 (--tempo keep)"
        if tempoMode == "song" {
            let given = tempo.bpm != nil || tempo.firstBeat != nil
            let song = tempo.tempo(of: task, timeline: timeline)
            if let song, given || song.isReliable {
                map = TempoMap(estimate: song, duration: timeline.duration)
                tempoText = String(format: "%.1f BPM %d/4", song.bpm, song.beatsPerBar)
                    + (song.isSteady ? "" : " (a tempo per bar: it drifts)")
                    + String(format: ", first bar at %.3f s", Double(song.firstBeat) / 1e9)
            } else {
                // Not given, so `song` is the estimate itself.
                let why = song.map { String(format: "not clear (confidence %.2f)", $0.confidence) } ?? "too few notes to tell"
                tempoText = "120 BPM 4/4: the tempo is \(why); --bpm sets it"
            }
        }
        let bytes = StandardMIDIFile.bytes(for: timeline, title: task.taskId, tempo: map)
        try FileOutput.write(bytes, to: output, overwrite: force)
        printError("wrote \(output): \(timeline.noteCount) notes, \(task.instruments.count) tracks, "
            + "\(InfoText.clock(Double(task.duration) / 1e9)), \(tempoText)")
    }
}
