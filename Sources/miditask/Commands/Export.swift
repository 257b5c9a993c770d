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

    func run() throws {
        let task = try source.loadTask()
        let timeline = try source.timeline(of: task, options: Timeline.Options(transpose: transpose))
        printWarnings(task.warnings + timeline.warnings)
        let bytes = StandardMIDIFile.bytes(for: timeline, title: task.taskId)
        try FileOutput.write(bytes, to: output, overwrite: force)
        printError("wrote \(output): \(timeline.noteCount) notes, \(task.instruments.count) tracks, "
            + "\(InfoText.clock(Double(task.duration) / 1e9))")
    }
}
