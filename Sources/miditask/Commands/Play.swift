// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FoundationEssentials
import Glibc
import LiveView
import MIDITask
import MIDIWire
import Playback
import Sequencer
import SystemClock

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a task in real time.",
        discussion: """
            On a terminal, a live view shows the instruments and a piano roll and takes \
            keys: space pause, ←/→ and PgUp/PgDn seek, Home start, [ ] tempo, 1–0 mute, \
            s then 1–0 solo, a/b/l loop, ? help, q or Esc quit. Elsewhere (or with \
            --no-ui) one progress line is drawn on standard error. \
            Ctrl-C or SIGTERM stops playback cleanly (every sounding note is ended) \
            and exits with 130 or 143. A song longer than --max-duration (one pass of \
            --loop) is refused before anything plays.
            """)

    @OptionGroup var source: SourceOptions
    @OptionGroup var transport: TransportOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup(title: "Tempo (for --clock and the live view's bars)") var tempo: TempoOptions

    @OptionGroup var lengthLimit: LengthLimitOption

    @Flag(name: .customLong("no-ui"), help: "No live view: only the progress line, even on a terminal.")
    var noUI = false

    @OptionGroup(title: "Quantize") var quantize: QuantizeOptions

    func run() throws {
        // First of all: a stop signal from launch on ends the command with 128 + n
        // (at once until playback is set up; then through the player, silencing),
        // and no thread the backend starts later can be killed by one outright.
        let signals = try StopSignals()
        let loaded = try source.loadTask()
        let timelineOptions = try transport.song.timelineOptions(for: loaded)
        try lengthLimit.check(loaded, song: transport.song, muted: timelineOptions.muted)
        let terminal = TerminalMode()
        let environment = ProcessInfo.processInfo.environment
        let liveView = !noUI && !transport.quiet && terminal.isInteractive && Palette.canDrawScreens(environment: environment)
        // The song's pulse, trusted from the notes or as given: estimated only
        // when the clock, the live view's bars or quantizing use it.
        let prepared = try quantize.song(from: loaded, source: source, options: timelineOptions,
                                         tempo: tempo, needsTempo: output.ports.clock || liveView)
        let task = prepared.task, timeline = prepared.timeline, song = prepared.tempo
        printWarnings(prepared.warnings)
        if let summary = quantize.summary(of: prepared), !transport.quiet { printError(summary) }
        if let why = prepared.nothingToPlay {
            printError("\(why): nothing to play")
            return
        }
        var options = try transport.playerOptions(duration: timeline.duration)
        options.lookahead = output.ports.lookaheadAmount

        let plan = try OutputPlan(output, channels: timeline.plan)
        let midi = try plan.open(output, timeline: timeline)
        if queueTimers(of: midi).contains(.system) && !transport.quiet {
            printError("note: the sequencer queue runs on the system timer (ticks of up to 4 ms): "
                       + "`sudo modprobe snd-hrtimer` gives it the high-resolution timer")
        }
        if output.ports.clock && song == nil && !transport.quiet {
            printError("note: \(prepared.unclear): MIDI clock at 120 BPM from the start (--bpm sets it)")
        }
        let player = Player(timeline: output.ports.addingClock(to: timeline, tempo: song), output: midi, options: options)
        // Weakly: the watcher lives as long as the process, and the player must
        // go (closing its output: FluidSynth finishes an audio file) when run() ends.
        signals.onSignal { [weak player] _ in player?.stop() }

        if liveView {
            let model = try liveModel(task: task, timeline: timeline, tempo: song, plan: plan)
            try terminal.enter()
            // However the process ends, the terminal is put back: here on every
            // return or throw, and before a second Ctrl-C's immediate exit.
            signals.beforeForcedExit { terminal.restore() }
            defer { terminal.restore() }
            try player.start()
            let session = LiveSession(player: player, terminal: terminal, model: model,
                                      palette: Palette.from(environment: environment))
            _ = session.run()
            let result = player.wait()
            terminal.restore()
            if let notice = player.notice { printError("note: \(notice)") }
            try finish(result, signals: signals)
            return
        }

        try player.start()
        if let notice = player.notice, !transport.quiet { printError("note: \(notice)") }

        let progress = ProgressLine(enabled: !transport.quiet && isatty(2) == 1, total: player.duration, options: options)
        // Polled every 50 ms so the command ends promptly; drawn every 250 ms.
        var tick = 0
        while !player.isFinished {
            if tick % 5 == 0 { progress.draw(position: player.position, paused: player.isPaused) }
            tick += 1
            usleep(50_000)
        }
        let result = player.wait()
        progress.clear()
        try finish(result, signals: signals)
    }

    /// Exits as the way playback ended asks: 128 + the signal, an error, or normally.
    private func finish(_ result: PlaybackResult, signals: StopSignals) throws {
        if let signal = signals.received {
            throw ExitCode(StopSignals.exitStatus(for: signal))
        }
        if let error = result.error {
            throw PlaybackFailed(error: error)
        }
    }

    /// What the live view shows that does not change while playing.
    private func liveModel(task: MIDITask, timeline: Timeline, tempo: TempoEstimate?, plan: OutputPlan) throws -> LiveModel {
        let destination = try plan.label { try output.synth.configuration().soundFonts }
        let routes = plan.routes
        var model = LiveModel(timeline: timeline, taskId: task.taskId, output: destination,
                              ports: routes.routeOf.mapValues { routes.specs[$0] })
        // Bars and beats when the notes give a tempo to trust (or it is given).
        if let tempo { model.meter = Meter(tempo) }
        return model
    }
}

/// Playback ended because the output failed; the notes were silenced first.
struct PlaybackFailed: Error, CustomStringConvertible {
    var error: MIDIOutputError
    var description: String {
        error.deviceGone ? "playback ended: the MIDI device went away (\(error))" : "playback failed: \(error)"
    }
}

/// Elapsed / total on one line of standard error, redrawn in place.
///
/// Drawn by the main thread only: the scheduler thread never prints.
struct ProgressLine {
    let enabled: Bool
    let total: TimeAmount
    let options: Player.Options

    func draw(position: TimeAmount, paused: Bool) {
        guard enabled else { return }
        var line = "\r" + (paused ? "paused " : "playing ") + clockText(position.seconds) + " / " + clockText(total.seconds)
        if options.tempo != 1 { line += "  tempo \(options.tempo)×" }
        if let loop = options.loop { line += "  loop " + clockText(loop.start.seconds) + "–" + clockText(loop.end.seconds) }
        // Erase the rest of the line, in case the previous one was longer.
        var stderr = StandardError()
        stderr.write(line + "\u{1B}[K")
    }

    func clear() {
        guard enabled else { return }
        var stderr = StandardError()
        stderr.write("\r\u{1B}[K")
    }
}
