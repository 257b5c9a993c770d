import ArgumentParser
import FluidSynthOutput
import Glibc
import MIDITask
import Playback
import Sequencer

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a task to an audio file (WAV, FLAC, Ogg Vorbis, MP3 or Opus) with FluidSynth, faster than real time.",
        discussion: """
            Notes are placed by sample position, not by the clock. The file ends when the \
            release tail has fallen silent (below -80 dBFS for 100 ms, at most 10 s after the \
            last note). WAV and FLAC are 16-bit PCM stereo unless --sample-format s24 (or f32, \
            WAV only). Opus is rendered at 48 kHz unless --sample-rate names another rate Opus \
            takes (8, 12, 16, 24 kHz). Samples past full scale are clipped and counted (never in \
            f32); the line printed at the end gives the peak in dBFS and the count. --normalize \
            renders twice, first to find the peak, then scaled so the peak is -1 dBFS. A song \
            longer than --max-duration is refused before anything is rendered. An existing file \
            is kept unless --force; an interrupted render leaves no file.
            """)

    @OptionGroup var source: SourceOptions

    @Option(name: [.customLong("output"), .customShort("F")],
            help: ArgumentHelp("The audio file to write (also accepted as -o FILE).", valueName: "file"))
    var output: String?

    @Option(help: "File format; default: from the file's extension.")
    var format: AudioFileFormat?

    @Option(help: ArgumentHelp("How WAV and FLAC store samples (default s16; f32 is WAV only).", valueName: "s16|s24|f32"))
    var sampleFormat: SampleFormat?

    @Flag(help: "Scale the whole render so that its peak is -1 dBFS (renders twice).")
    var normalize = false

    @OptionGroup var lengthLimit: LengthLimitOption

    @OptionGroup var synth: SynthOptions

    @OptionGroup var song: SongSelection

    @Flag(help: "Replace the output file if it exists.")
    var force = false

    @OptionGroup(title: "Tempo (for --quantize)") var tempo: TempoOptions
    @OptionGroup(title: "Quantize") var quantize: QuantizeOptions

    func validate() throws {
        _ = try outputPath()
        let format = try outputFormat()
        if let sampleFormat, !format.sampleFormats.contains(sampleFormat) {
            let kept = format.sampleFormats.map(\.rawValue).joined(separator: " or ")
            throw ValidationError("--sample-format \(sampleFormat.rawValue): " + (kept.isEmpty
                ? "\(format.displayName) is a lossy codec with no sample format to choose; use WAV or FLAC"
                : "\(format.displayName) holds no \(sampleFormat.displayName) samples; use \(kept), or WAV"))
        }
        _ = try sampleRate(for: format)
    }

    /// The rate to render at: as given (if the format takes it), else the
    /// format's preferred one; nil leaves FluidSynth's setting alone.
    func sampleRate(for format: AudioFileFormat) throws -> Double? {
        let setting = synth.settings.last { $0.name == "synth.sample-rate" }
        let given = synth.sampleRate ?? setting.flatMap { Double($0.value) }
        guard let rates = format.sampleRates else { return given }
        guard let given else { return Double(format.preferredSampleRate) }
        guard rates.contains(where: { Double($0) == given }) else {
            let option = synth.sampleRate != nil ? "--sample-rate" : "-o synth.sample-rate="
            throw ValidationError("\(option)\(option.hasSuffix("=") ? "" : " ")\(setting?.value ?? "\(Int(given))"): "
                + "\(format.displayName) takes \(rates.map(String.init).joined(separator: ", ")) Hz"
                + (format == .opus ? " (leave it out to render Opus at 48000 Hz)" : ""))
        }
        return given
    }

    func outputPath() throws -> String {
        let plain = synth.plainValues
        switch (output, plain.count) {
        case (let path?, 0): return path
        case (nil, 1): return plain[0]
        case (nil, 0): throw ValidationError("Missing the output file: -o FILE.wav (or .flac, .ogg, .mp3, .opus)")
        default: throw ValidationError("Give one output file (-o FILE); FluidSynth settings are -o name=value")
        }
    }

    func outputFormat() throws -> AudioFileFormat {
        if let format { return format }
        let path = try outputPath()
        guard let guessed = AudioFileFormat(path: path) else {
            throw ValidationError("\(path): cannot tell the format from the extension; use .wav, .flac, .ogg, .mp3 or .opus, or --format")
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
        try lengthLimit.check(loaded, song: song, muted: options.muted)
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

        let format = try outputFormat()
        var configuration = try synth.configuration(allowPlainValues: true)
        configuration.sampleRate = try sampleRate(for: format)
        let transport = RenderTransport(start: Int64(((song.start ?? 0) * 1e9).rounded()),
                                        end: song.end.map { Int64(($0 * 1e9).rounded()) }, tempo: song.tempo)
        let file = RenderFile(path: path, format: format, sampleFormat: sampleFormat, overwrite: force)

        let cancellation = RenderCancellation()
        signals.onSignal { _ in cancellation.cancel() }
        let outcome = Result { () throws(RenderError) -> RenderResult in
            let makeRenderer = { () throws(RenderError) -> OfflineRenderer in
                do throws(FluidSynthError) {
                    return OfflineRenderer(synthesizer: try configuration.makeSynthesizer(forPlayback: false))
                } catch {
                    throw .synth(error)
                }
            }
            if normalize {
                return try file.renderNormalized(timeline, toPeak: -1, makeRenderer: makeRenderer, transport: transport,
                                                 cancellation: cancellation)
            }
            return try file.render(timeline, with: try makeRenderer(), transport: transport, cancellation: cancellation)
        }
        switch outcome {
        case .success(let result):
            printError("wrote \(path): " + RenderSummary(file: file, result: result).text)
        case .failure(.cancelled):
            printError("miditask: render interrupted; \(path) was not written")
            throw ExitCode(StopSignals.exitStatus(for: signals.received ?? SIGINT))
        case .failure(let error):
            throw error
        }
    }
}

extension AudioFileFormat: ExpressibleByArgument {}
extension SampleFormat: ExpressibleByArgument {}
