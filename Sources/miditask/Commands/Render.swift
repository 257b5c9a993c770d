// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FluidSynthOutput
import Glibc
import MIDITask
import Playback
import Sequencer
import SystemClock

struct Render: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render a task to an audio file (WAV, FLAC, Ogg Vorbis, MP3 or Opus) with FluidSynth, faster than real time.",
        usage: """
            miditask render SOURCE -o FILE [options]
            miditask render SOURCE --stems DIR [-o FILE] [options]
            miditask render SOURCE... --output-dir DIR [--jobs N] [options]
            """,
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

            --stems DIR writes one file per instrument into DIR, named by its number in the task \
            and its name (01-drums.wav, 02-electric-bass-finger.wav …), every one exactly as long \
            as the mix and aligned with it to the sample, so that they add up to the mix. The mix \
            itself is written too when -o FILE is given. An instrument with no notes gets no file. \
            Stems render side by side on --jobs threads.

            --output-dir DIR renders each SOURCE (files or task ids) to DIR/NAME.wav (or the \
            --format's extension), NAME being the task id or the file's name without .json. Up to \
            --jobs tasks render at once; a task that fails stops none of the others. A line per \
            task then says what became of it, and the exit status is 1 if any failed.
            """)

    @OptionGroup var source: SourceOptions

    @Argument(help: ArgumentHelp("More tasks, for a batch (needs --output-dir).", valueName: "source"))
    var moreSources: [String] = []

    @Option(name: [.customLong("output"), .customShort("F")],
            help: ArgumentHelp("The audio file to write (also accepted as -o FILE).", valueName: "file"))
    var output: String?

    @Option(help: ArgumentHelp("Write one file per instrument into this folder (created if missing).", valueName: "dir"))
    var stems: String?

    @Option(help: ArgumentHelp("Render every SOURCE, one file each, into this folder (created if missing).", valueName: "dir"))
    var outputDir: String?

    @Option(help: ArgumentHelp("Threads to render on: tasks or stems at once, or FluidSynth's threads for one mix "
                               + "(default: the cores, \(BatchRender.defaultThreads) here).",
                               valueName: "n"))
    var jobs: Int?

    @Option(help: "File format; default: from the file's extension (WAV for --stems and --output-dir alone).")
    var format: AudioFileFormat?

    @Option(help: ArgumentHelp("How WAV and FLAC store samples (default s16; f32 is WAV only).", valueName: "s16|s24|f32"))
    var sampleFormat: SampleFormat?

    @Flag(help: "Scale the whole render so that its peak is -1 dBFS (renders twice). Stems take the mix's gain.")
    var normalize = false

    @OptionGroup var lengthLimit: LengthLimitOption

    @OptionGroup var synth: SynthOptions

    @OptionGroup var song: SongSelection

    @Flag(help: "Replace output files that exist.")
    var force = false

    @OptionGroup(title: "Tempo (for --quantize)") var tempo: TempoOptions
    @OptionGroup(title: "Quantize") var quantize: QuantizeOptions

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs \(jobs): expected at least 1") }
        if !moreSources.isEmpty, outputDir == nil {
            throw ValidationError("Several tasks (\(([source.source] + moreSources).joined(separator: ", "))) need --output-dir DIR")
        }
        if outputDir != nil {
            if stems != nil { throw ValidationError("--stems and --output-dir do not go together: render stems one task at a time") }
            if output != nil || !synth.plainValues.isEmpty {
                throw ValidationError("--output-dir names each file itself; leave out -o FILE")
            }
        }
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

    /// The mix's file: required unless --stems or --output-dir says where files go.
    func outputPath() throws -> String? {
        let plain = synth.plainValues
        switch (output, plain.count) {
        case (let path?, 0): return path
        case (nil, 1): return plain[0]
        case (nil, 0):
            if stems != nil || outputDir != nil { return nil }
            throw ValidationError("Missing the output file: -o FILE.wav (or .flac, .ogg, .mp3, .opus), or --stems DIR, or --output-dir DIR")
        default: throw ValidationError("Give one output file (-o FILE); FluidSynth settings are -o name=value")
        }
    }

    func outputFormat() throws -> AudioFileFormat {
        if let format { return format }
        guard let path = try outputPath() else { return .wav }
        guard let guessed = AudioFileFormat(path: path) else {
            throw ValidationError("\(path): cannot tell the format from the extension; use .wav, .flac, .ogg, .mp3 or .opus, or --format")
        }
        return guessed
    }

    /// A task read and made ready to render, as every way of rendering needs it.
    struct Prepared {
        var task: MIDITask
        var timeline: Timeline
        var transport: RenderTransport
    }

    /// Reads `source`, applies the song options, and checks that there is
    /// something to render; warnings go to standard error, after `label`.
    func prepare(_ source: SourceOptions, label: String = "") throws -> Prepared {
        let loaded = try source.loadTask()
        let options = try song.timelineOptions(for: loaded)
        try lengthLimit.check(loaded, song: song, muted: options.muted)
        let prepared = try quantize.song(from: loaded, source: source, options: options, tempo: tempo)
        let task = prepared.task, timeline = prepared.timeline
        printWarnings(prepared.warnings.map { label + $0 })
        if let summary = quantize.summary(of: prepared) { printError(label + summary) }
        if let why = prepared.nothingToPlay { throw ValidationError("\(why): nothing to render") }
        if let start = song.start, Int64((start * 1e9).rounded()) >= timeline.duration {
            throw ValidationError("--start \(start): the song lasts only \(Columns.clock(Double(timeline.duration) / 1e9))")
        }
        let transport = RenderTransport(start: Int64(((song.start ?? 0) * 1e9).rounded()),
                                        end: song.end.map { Int64(($0 * 1e9).rounded()) }, tempo: song.tempo)
        return Prepared(task: task, timeline: timeline, transport: transport)
    }

    func synthConfiguration(format: AudioFileFormat) throws -> SynthConfiguration {
        var configuration = try synth.configuration(allowPlainValues: true)
        configuration.sampleRate = try sampleRate(for: format)
        return configuration
    }

    func run() throws {
        // First, so that every thread made later (FluidSynth's too) leaves
        // SIGINT and SIGTERM to the watcher.
        let signals = try StopSignals()
        let cancellation = RenderCancellation()
        signals.onSignal { _ in cancellation.cancel() }
        let interrupted = { (what: String) -> ExitCode in
            printError("miditask: render interrupted; \(what)")
            return ExitCode(StopSignals.exitStatus(for: signals.received ?? SIGINT))
        }
        if let outputDir {
            try RenderBatch(command: self, directory: outputDir).run(cancellation: cancellation, interrupted: interrupted)
        } else if let stems {
            try RenderStems(command: self, directory: stems).run(cancellation: cancellation, interrupted: interrupted)
        } else {
            try renderOne(cancellation: cancellation, interrupted: interrupted)
        }
    }

    private func renderOne(cancellation: RenderCancellation, interrupted: (String) -> ExitCode) throws {
        guard let path = try outputPath() else { return }
        let prepared = try prepare(source)
        let format = try outputFormat()
        var configuration = try synthConfiguration(format: format)
        if let jobs { configuration.renderCores = jobs }
        let file = RenderFile(path: path, format: format, sampleFormat: sampleFormat, overwrite: force)
        let job = RenderJob(timeline: prepared.timeline, file: file, transport: prepared.transport, normalize: normalize)
        switch Result(catching: { () throws(RenderError) in try job.run(configuration: configuration, cancellation: cancellation) }) {
        case .success(let result):
            printError("wrote \(path): " + RenderSummary(file: file, result: result).text)
        case .failure(.cancelled):
            throw interrupted("\(path) was not written")
        case .failure(let error):
            throw error
        }
    }
}

extension AudioFileFormat: ExpressibleByArgument {}
extension SampleFormat: ExpressibleByArgument {}
