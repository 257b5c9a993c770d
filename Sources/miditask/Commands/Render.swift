import ArgumentParser
import FluidSynthOutput
import Glibc
import MIDITask
import Playback
import Sequencer

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a task to an audio file (WAV, FLAC or Ogg) with FluidSynth, faster than real time.",
        discussion: """
            Notes are placed by sample position, not by the clock. The file ends when the \
            release tail has fallen silent (below -80 dBFS for 100 ms, at most 10 s after the \
            last note). WAV is 16-bit PCM stereo. An existing file is kept unless --force; an \
            interrupted render leaves no file.
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: [.customLong("output"), .customShort("F")],
            help: ArgumentHelp("The audio file to write (also accepted as -o FILE).", valueName: "file"))
    var output: String?

    @Option(help: "File format; default: from the file's extension.")
    var format: AudioFileFormat?

    @OptionGroup var synth: SynthOptions

    @OptionGroup var song: SongSelection

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @OptionGroup(title: "Tempo (for --quantize)") var tempo: TempoOptions
    @OptionGroup(title: "Quantize") var quantize: QuantizeOptions

    func validate() throws {
        _ = try outputPath()
        _ = try outputFormat()
    }

    func outputPath() throws -> String {
        let plain = synth.plainValues
        switch (output, plain.count) {
        case (let path?, 0): return path
        case (nil, 1): return plain[0]
        case (nil, 0): throw ValidationError("Missing the output file: -o FILE.wav (or .flac, .ogg)")
        default: throw ValidationError("Give one output file (-o FILE); FluidSynth settings are -o name=value")
        }
    }

    func outputFormat() throws -> AudioFileFormat {
        if let format { return format }
        let path = try outputPath()
        guard let guessed = AudioFileFormat(path: path) else {
            throw ValidationError("\(path): cannot tell the format from the extension; use .wav, .flac or .ogg, or --format")
        }
        return guessed
    }

    func run() throws {
        // First, so that every thread made later (FluidSynth's too) leaves
        // SIGINT and SIGTERM to the watcher.
        let signals = try StopSignals()
        let path = try outputPath()
        let loaded = try source.loadTask()
        let options = try song.timelineOptions(for: loaded)
        let prepared = try quantize.song(from: loaded, source: source, options: options, tempo: tempo)
        let task = prepared.task, timeline = prepared.timeline
        printWarnings(task.warnings + timeline.warnings)
        if let summary = prepared.summary { printError(summary) }
        guard timeline.noteCount > 0 else {
            throw ValidationError(task.noteCount == 0 ? "task has no notes: nothing to render"
                                                      : "every note is muted or out of range: nothing to render")
        }

        if let start = song.start, Int64((start * 1e9).rounded()) >= timeline.duration {
            throw ValidationError("--start \(start): the song lasts only \(InfoText.clock(Double(timeline.duration) / 1e9))")
        }

        let synthesizer = try synth.configuration(allowPlainValues: true).makeSynthesizer(forPlayback: false)
        let renderer = OfflineRenderer(synthesizer: synthesizer)
        let transport = RenderTransport(start: Int64(((song.start ?? 0) * 1e9).rounded()),
                                        end: song.end.map { Int64(($0 * 1e9).rounded()) }, tempo: song.tempo)
        let file = RenderFile(path: path, format: try outputFormat(), overwrite: force)

        let cancellation = RenderCancellation()
        signals.onSignal { _ in cancellation.cancel() }
        let outcome = Result { () throws(RenderError) -> RenderResult in
            try file.render(timeline, with: renderer, transport: transport, cancellation: cancellation)
        }
        switch outcome {
        case .success(let result):
            printError("wrote \(path): \(InfoText.clock(result.seconds)), \(result.sampleRate) Hz, "
                + "\(file.format == .wav ? "16-bit PCM " : "")stereo \(file.format.rawValue.uppercased())")
        case .failure(.cancelled):
            printError("miditask: render interrupted; \(path) was not written")
            throw ExitCode(StopSignals.exitStatus(for: signals.received ?? SIGINT))
        case .failure(let error):
            throw error
        }
    }
}

extension AudioFileFormat: ExpressibleByArgument {}
