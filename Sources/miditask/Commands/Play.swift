import ArgumentParser
import Glibc
import MIDITask
import MIDIWire
import Playback
import Sequencer

struct Play: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Play a task in real time.",
        discussion: """
            Ctrl-C or SIGTERM stops playback cleanly (every sounding note is ended) \
            and exits with 130 or 143.
            """)

    @OptionGroup var source: SourceOptions
    @OptionGroup var transport: TransportOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let task = try source.loadTask()
        let timeline = try source.timeline(of: task, options: try transport.song.timelineOptions(for: task))
        printWarnings(task.warnings + timeline.warnings)
        guard timeline.noteCount > 0 else {
            printError(task.noteCount == 0 ? "task has no notes: nothing to play"
                                           : "every note is muted or out of range: nothing to play")
            return
        }
        let options = try transport.playerOptions(duration: timeline.duration)

        // From here on Ctrl-C and SIGTERM are the watcher's: taken before the output
        // is opened, so no thread the backend starts can be killed by them outright.
        let signals = try StopSignals()
        let midi = try makePlaybackOutput(output, timeline: timeline)
        let player = Player(timeline: output.ports.addingClock(to: timeline), output: midi, options: options)
        signals.onSignal { _ in player.stop() }
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

        if let signal = signals.received {
            throw ExitCode(StopSignals.exitStatus(for: signal))
        }
        if let error = result.error {
            throw PlaybackFailed(error: error)
        }
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
        var line = "\r" + (paused ? "paused " : "playing ") + Self.clock(position) + " / " + Self.clock(total)
        if options.tempo != 1 { line += "  tempo \(options.tempo)×" }
        if let loop = options.loop { line += "  loop " + Self.clock(loop.start) + "–" + Self.clock(loop.end) }
        // Erase the rest of the line, in case the previous one was longer.
        var stderr = StandardError()
        stderr.write(line + "\u{1B}[K")
    }

    func clear() {
        guard enabled else { return }
        var stderr = StandardError()
        stderr.write("\r\u{1B}[K")
    }

    /// m:ss, as players show it.
    static func clock(_ amount: TimeAmount) -> String {
        let seconds = max(0, Int(amount.seconds.rounded(.down)))
        let s = seconds % 60
        return "\(seconds / 60):" + (s < 10 ? "0" : "") + "\(s)"
    }
}
