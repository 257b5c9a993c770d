// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Playback
import SystemClock

/// The live view at work: reads keys, steers the player, redraws the screen.
///
/// Runs on the caller's thread (never the scheduler's): it waits on the
/// terminal's input with `poll` for at most one frame (50 ms, so at most
/// 20 frames a second), turns bytes into keys and keys into player
/// requests, which never block, and draws the frame's changed rows with
/// one write. The scheduler never waits for any of it.
public final class LiveSession {
    public enum Outcome: Sendable, Equatable {
        /// The song (or what was asked of it) played to its end.
        case ended
        /// Stopped from outside: a signal, or the output failing.
        case stopped
        /// The listener pressed q or Esc.
        case quit
    }

    private let player: Player
    private let terminal: TerminalMode
    private var model: LiveModel
    private var writer: ScreenWriter
    private var decoder = KeyDecoder()
    private var keyMap = KeyMap()
    private var mix: InstrumentMix
    private var wantPaused = false
    private var tempo: Double
    private var lastSeek: (target: Double, at: Int64)?
    private var messageExpiry: Int64 = 0
    private var escapeSince: Int64?
    private var inputOpen = true

    /// Frames are at least this far apart.
    public static let frameInterval: Int64 = 50_000_000
    /// A lone ESC is the Esc key once this long passes with nothing after it.
    static let escapeWait: Int64 = 40_000_000
    static let messageLife: Int64 = 3_000_000_000

    /// `model` holds what does not change while playing (task, output, instruments and their notes).
    public init(player: Player, terminal: TerminalMode, model: LiveModel, palette: Palette) {
        self.player = player
        self.terminal = terminal
        self.model = model
        writer = ScreenWriter(palette: palette)
        mix = InstrumentMix(count: model.instruments.count)
        tempo = player.tempo
        if let loop = player.loop {
            self.model.loop = .init(start: loop.start.seconds, end: loop.end.seconds, isOn: true)
        }
    }

    /// Runs until playback ends or the listener quits (then playback is stopped
    /// and waited for). The terminal must be in its live mode; restoring it is the caller's.
    public func run() -> Outcome {
        var quitting = false
        var nextFrame = Self.now()
        while !player.isFinished {
            let now = Self.now()
            var timeout = max(0, nextFrame - now)
            if escapeSince != nil { timeout = min(timeout, Self.escapeWait) }
            for key in readKeys(waitingUpTo: timeout) {
                guard let command = keyMap.command(for: key) else { continue }
                if command == .quit {
                    quitting = true
                    player.stop()
                } else {
                    perform(command)
                }
            }
            let after = Self.now()
            if after >= nextFrame {
                draw()
                nextFrame = max(nextFrame + Self.frameInterval, after + Self.frameInterval / 2)
            }
        }
        model.state = .ended
        draw()
        if quitting { return .quit }
        return player.wait().isFinished ? .ended : .stopped
    }

    // MARK: Keys

    private func readKeys(waitingUpTo nanoseconds: Int64) -> [Key] {
        guard inputOpen else {
            usleep(UInt32(nanoseconds / 1000))
            return []
        }
        var poller = pollfd(fd: terminal.input, events: Int16(POLLIN), revents: 0)
        let ready = poll(&poller, 1, Int32(nanoseconds / 1_000_000))
        var keys: [Key] = []
        if ready > 0 {
            var buffer = [UInt8](repeating: 0, count: 256)
            let n = read(terminal.input, &buffer, buffer.count)
            if n > 0 {
                keys = decoder.feed(buffer[0..<n])
            } else if n == 0 || (n < 0 && errno != EINTR && errno != EAGAIN) {
                // The terminal is gone or closed: play on without keys (a signal still stops it).
                inputOpen = false
            }
        }
        if decoder.isPending {
            let now = Self.now()
            if let since = escapeSince, now - since >= Self.escapeWait {
                keys += decoder.flush()
                escapeSince = nil
            } else if escapeSince == nil {
                escapeSince = now
            }
        } else {
            escapeSince = nil
        }
        return keys
    }

    private func perform(_ command: LiveCommand) {
        let position = player.position.seconds
        switch command {
        case .togglePause:
            wantPaused.toggle()
            if wantPaused { player.pause() } else { player.resume() }
        case .seek(let delta):
            // Keys repeat faster than the position is published: count from the last target.
            let now = Self.now()
            let base = lastSeek.flatMap { now - $0.at < 250_000_000 ? $0.target : nil } ?? position
            let target = min(max(0, base + delta), model.duration)
            player.seek(to: .seconds(target))
            lastSeek = (target, now)
        case .seekToStart:
            player.seek(to: .zero)
            lastSeek = (0, Self.now())
        case .tempo(let delta):
            let range = Player.Options.tempoRange
            tempo = min(max(((tempo + delta) * 100).rounded() / 100, range.lowerBound), range.upperBound)
            player.setTempo(tempo)
            say("tempo \(Int((tempo * 100).rounded())) %")
        case .toggleMute(let index):
            guard index < mix.count else { return say("no instrument \(index + 1)") }
            mix.toggleMute(index)
            player.setSilentInstruments(mix.silent)
            say((mix.muted.contains(index) ? "muted " : "unmuted ") + "\(index + 1) \(model.instruments[index].name)")
        case .toggleSolo(let index):
            guard index < mix.count else { return say("no instrument \(index + 1)") }
            mix.toggleSolo(index)
            player.setSilentInstruments(mix.silent)
            say((mix.soloed.contains(index) ? "solo " : "solo off ") + "\(index + 1) \(model.instruments[index].name)")
        case .setLoopStart:
            model.loop.start = position
            say("loop starts at \(clockText(position))")
            if model.loop.isOn { applyLoop() }
        case .setLoopEnd:
            model.loop.end = position
            say("loop ends at \(clockText(position))")
            if model.loop.isOn { applyLoop() }
        case .toggleLoop:
            if model.loop.isOn {
                model.loop.isOn = false
                player.setLoop(nil)
                say("loop off")
            } else {
                model.loop.isOn = true
                applyLoop()
            }
        case .toggleHelp:
            model.showHelp.toggle()
        case .quit:
            break
        }
    }

    /// Puts the marked loop in force, or says why it cannot be.
    private func applyLoop() {
        let start = model.loop.start ?? 0, end = model.loop.end ?? model.duration
        guard end - start >= Player.Options.minimumLoopLength.seconds else {
            model.loop.isOn = player.loop != nil
            return say("the loop must end after it starts (a \(clockText(start)), b \(clockText(end)))")
        }
        player.setLoop(.init(start: .seconds(start), end: .seconds(end)))
        say("loop \(clockText(start))–\(clockText(end)) on")
    }

    private func say(_ text: String) {
        model.message = text
        messageExpiry = Self.now() + Self.messageLife
    }

    // MARK: Drawing

    private func draw() {
        guard let size = terminal.size else { return }
        if model.state != .ended {
            model.state = player.isPaused ? .paused : .playing
        }
        // One reading of the position for the whole frame.
        let at = player.position
        model.position = model.state == .ended ? min(at.seconds, model.duration) : at.seconds
        model.tempo = tempo
        model.awaitingSolo = keyMap.awaitingSolo
        if model.message != nil && Self.now() > messageExpiry { model.message = nil }
        for i in model.instruments.indices {
            model.instruments[i].muted = mix.muted.contains(i)
            model.instruments[i].soloed = mix.soloed.contains(i)
            model.instruments[i].audible = mix.isAudible(i)
            let sounding = model.state == .playing && mix.isAudible(i) ? model.notes?.sounding(i, at: at.nanoseconds) : nil
            model.instruments[i].sounding = sounding?.count ?? 0
            model.instruments[i].loudest = sounding?.loudest ?? 0
        }
        let frame = LiveLayout(width: size.width, height: size.height, palette: writer.palette).frame(for: model)
        let bytes = writer.update(to: frame)
        if !bytes.isEmpty { terminal.write(bytes) }
    }

    private static func now() -> Int64 { MonotonicInstant.now().nanoseconds }
}
