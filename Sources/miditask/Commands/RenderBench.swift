// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FluidSynthOutput
import FoundationEssentials
import Glibc
import MIDITask
import MIDIWire
import Playback
import Sequencer
import SystemClock

/// `miditask bench render`: our offline render against `fluidsynth -F`, and
/// how soon the first note is heard.
struct RenderBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Time rendering a task against fluidsynth -F on the exported MIDI file; time to first note.",
        discussion: """
            Both renders load the same SoundFont and write a WAV file at the same rate; the \
            ratio is our wall time over fluidsynth's (lower is better). Time to first sound \
            counts from the start of the command's run (after argument parsing) to the first \
            block of audio above -80 dBFS being computed. With --play, the task is played \
            through the audio driver instead and the time to the first note-on reaching the \
            synth is printed.

            Then two ratios of wall times, each on this task first and then on generated \
            songs: all stems against one mix (goal <= 2.0; the generated song has 13 \
            instruments), and one `render --output-dir` of 4 tasks against 4 separate \
            `render -o` commands (goal <= 0.7; four copies of this task's file).
            """)

    @OptionGroup var source: SourceOptions
    @OptionGroup var synth: SynthOptions

    @Option(help: "Renders of each kind; the fastest counts.")
    var iterations: Int = 3

    @Option(help: ArgumentHelp("The fluidsynth command to compare with.", valueName: "path"))
    var fluidsynth: String = "/usr/bin/fluidsynth"

    @Flag(help: "Play through FluidSynth's audio driver in real time and time the first note-on instead.")
    var play = false

    func validate() throws {
        guard iterations >= 1 else { throw ValidationError("--iterations must be at least 1") }
    }

    func run() throws {
        let commandStart = Self.now()
        let task = try source.loadTask()
        let timeline = try source.timeline(of: task)
        let configuration = try synth.configuration()
        if play {
            try playLive(timeline, configuration: configuration, commandStart: commandStart)
            return
        }
        let folder = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let midiPath = folder + "/task.mid"
        try Data(StandardMIDIFile.bytes(for: timeline, title: task.taskId)).write(to: URL(fileURLWithPath: midiPath))
        let rate = configuration.sampleRate ?? 44_100

        print("task: \(task.instruments.count) instruments, \(timeline.noteCount) notes, "
            + String(cFormat: "%.1f s", Double(task.duration) / 1e9))
        print("soundfont: \(configuration.soundFonts.joined(separator: ", "))")

        var ours: [Double] = [], theirs: [Double] = []
        var firstSound: [Double] = []
        var audioSeconds = 0.0
        for i in 0..<iterations {
            let start = i == 0 ? commandStart : Self.now()
            // As `render -o` does it.
            let file = RenderFile(path: folder + "/ours.wav", format: .wav, overwrite: true)
            let result = try RenderJob(timeline: timeline, file: file).run(configuration: configuration)
            ours.append(Double(Self.now() - start) / 1e9)
            if let instant = result.firstSoundInstant { firstSound.append(Double(UInt64(instant.nanoseconds) - start) / 1e9) }
            audioSeconds = result.seconds

            let t0 = Self.now()
            let status = try Subprocess.run([fluidsynth, "-ni", "-F", folder + "/theirs.wav", "-r", String(Int(rate))]
                + configuration.soundFonts + [midiPath]).status
            guard status == 0 else {
                throw ValidationError("\(fluidsynth) failed with status \(status)")
            }
            theirs.append(Double(Self.now() - t0) / 1e9)
        }
        let best = ours.min()!, reference = theirs.min()!
        print(String(cFormat: "miditask render:  %.3f s for %.1f s of audio (%.0fx real time)", best, audioSeconds, audioSeconds / best))
        print(String(cFormat: "fluidsynth -F:    %.3f s", reference))
        print(String(cFormat: "ratio:            %.2f (miditask on %d cores / fluidsynth on one; goal <= 0.6 on two cores)",
                     best / reference, configuration.renderCores ?? SynthConfiguration.machineCores))
        if let first = firstSound.min() {
            print(String(cFormat: "first sound computed %.1f ms after the command started (first note at %.3f s of song)",
                         first * 1000, Double(timeline.events.first { $0.message.startsNote }?.time ?? 0) / 1e9))
        }
        print("runs (s): ours \(ours.map { String(cFormat: "%.3f", $0) }), fluidsynth \(theirs.map { String(cFormat: "%.3f", $0) })")
        try printFirstSound(folder: folder, midiPath: midiPath, configuration: configuration, firstNote: timeline.events.first { $0.message.startsNote }?.time ?? 0)
        try stemsRatios(task: task, timeline: timeline, configuration: configuration, folder: folder)
        try batchRatios(sourcePath: source.source, configuration: configuration, folder: folder)
    }

    /// Launch to first sound of `miditask play` and of the `fluidsynth`
    /// command on the same notes, both through FluidSynth's file driver.
    private func printFirstSound(folder: String, midiPath: String, configuration: SynthConfiguration, firstNote: Int64) throws {
        let ours = FirstSoundTiming(
            command: [Self.executablePath, "play", source.source, "--no-ui", "--quiet", "--audio-driver", "file",
                      "-o", "audio.file.name=\(folder)/first-ours.wav"] + configuration.soundFonts.flatMap { ["--soundfont", $0] },
            audioFile: folder + "/first-ours.wav")
        let theirs = FirstSoundTiming(
            command: [fluidsynth, "-ni", "-q", "-a", "file", "-o", "audio.file.name=\(folder)/first-theirs.wav"]
                + configuration.soundFonts + [midiPath],
            audioFile: folder + "/first-theirs.wav")
        var a: [Double] = [], b: [Double] = []
        for _ in 0..<iterations {
            if let t = try ours.measure() { a.append(t) }
            if let t = try theirs.measure() { b.append(t) }
        }
        guard let bestOurs = a.min(), let bestTheirs = b.min() else {
            print("first sound: not measured (a player wrote no sound)")
            return
        }
        let note = Double(firstNote) / 1e9
        print(String(cFormat: "first sound after launch (file driver; the first note is %.3f s into the song): "
            + "miditask play %.0f ms, fluidsynth %.0f ms (ratio %.2f)", note, bestOurs * 1000, bestTheirs * 1000, bestOurs / bestTheirs))
    }

    /// This program, to launch `miditask play` from the benchmark.
    static var executablePath: String {
        Companion.path(of: Companion.playback)
    }

    /// Plays through the audio driver, printing when the first note-on reached the synth.
    private func playLive(_ timeline: Timeline, configuration: SynthConfiguration, commandStart: UInt64) throws {
        let output = try FluidSynthMIDIOutput(configuration: configuration)
        try output.prepare(timeline.events.lazy.map(\.message))
        let opened = Self.now()
        let probe = FirstNoteProbe(output)
        let player = Player(timeline: timeline, output: probe)
        try player.start()
        let result = player.wait()
        output.close()
        let firstNoteAt = timeline.events.first { $0.message.startsNote }.map { Double($0.time) / 1e9 } ?? 0
        print(String(cFormat: "synth and audio driver ready %.1f ms after the command started", Double(opened - commandStart) / 1e6))
        if let first = probe.firstNoteOn {
            print(String(cFormat: "first note-on reached the synth %.1f ms after the command started (its song time %.3f s)",
                         Double(first - commandStart) / 1e6, firstNoteAt))
            if let anchor = player.startInstant {
                let due = Double(anchor.nanoseconds) + firstNoteAt * 1e9
                print(String(cFormat: "  playback started %.1f ms after the command; first note-on %.2f ms after it was due",
                             (Double(anchor.nanoseconds) - Double(commandStart)) / 1e6, (Double(first) - due) / 1e6))
            }
        }
        let latency = Double((configuration.periodSize ?? 64) * (configuration.periods ?? 16)) / (configuration.sampleRate ?? 44_100)
        print(String(cFormat: "  then up to %.1f ms in the audio driver's buffers (period size x periods / rate, requested)", latency * 1000))
        print("playback \(result)")
        if let error = result.error { throw ValidationError("playback failed: \(error)") }
    }

    /// Now on CLOCK_MONOTONIC, in nanoseconds.
    static func now() -> UInt64 { UInt64(MonotonicInstant.now().nanoseconds) }

    static func temporaryFolder() throws -> String {
        var template = Array(((ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp") + "/miditask-bench-XXXXXX").utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw ValidationError("cannot create a temporary folder: \(String(cString: strerror(errno)))")
        }
        return String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}

/// Passes messages through, noting when the first note-on went by.
private final class FirstNoteProbe: MIDIOutput {
    let base: any MIDIOutput
    private(set) var firstNoteOn: UInt64?

    init(_ base: any MIDIOutput) { self.base = base }

    func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        try base.send(message)
        if firstNoteOn == nil, message.startsNote { firstNoteOn = RenderBench.now() }
    }

    func flush() throws(MIDIOutputError) { try base.flush() }
}
