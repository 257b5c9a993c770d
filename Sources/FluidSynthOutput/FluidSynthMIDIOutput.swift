// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import SystemClock

#if canImport(Glibc)
import Glibc
#endif

/// Plays MIDI through FluidSynth to the sound card.
///
/// Where the audio driver can call back (ALSA, PulseAudio, JACK …), the
/// synth is rendered a 64-frame block at a time by `TimedAudioDriver`, and
/// each message sounds at the block its due time (`setDueTime`) falls on:
/// every note the same short time after it was due, whatever the audio
/// period, so a drum roll keeps its spacing. A message sent without a due
/// time is due when sent, and so comes after everything sent before it: a
/// stop's note-offs never overtake the note-ons they end. Otherwise (the
/// file driver) messages go straight into the synth and sound in the
/// driver's next period. Bank select arrives as CC 0/32 before a program
/// change and FluidSynth applies it then. Channel 10 is the drum kit in
/// FluidSynth's default "gs" bank-select mode, so a plain program change
/// there picks a kit.
public final class FluidSynthMIDIOutput: MIDIOutput {
    /// One of the two plays the synth; freed before it (see `AudioDriver`).
    private var driver: AudioDriver?
    private var timedDriver: TimedAudioDriver?
    public let synthesizer: Synthesizer
    /// When the messages being sent were due, until the next flush.
    private var due: MonotonicInstant?

    /// Starts the audio driver on an already loaded synthesizer.
    public init(synthesizer: Synthesizer) throws(FluidSynthError) {
        self.synthesizer = synthesizer
        do {
            timedDriver = try TimedAudioDriver(synthesizer: synthesizer)
        } catch {
            // A driver that cannot call back, or a device that cannot open:
            // the plain driver plays the former and says what is wrong with the latter.
            driver = try AudioDriver(synthesizer: synthesizer)
        }
    }

    /// Builds the synth from `configuration` (SoundFonts loaded) and starts the driver.
    public convenience init(configuration: SynthConfiguration) throws(FluidSynthError) {
        try self.init(synthesizer: configuration.makeSynthesizer(forPlayback: true))
    }

    /// Lets released notes ring out (up to `releaseAllowance`), then stops the driver.
    deinit { close() }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        // System messages (MIDI clock) mean nothing to a synth.
        guard message.channel != nil else { return }
        if let timedDriver {
            if timedDriver.send(message, dueAt: due ?? MonotonicInstant.now()) { return }
            // Before the first period, or a full queue: at once, as the plain driver would.
        }
        try applyNow(message)
    }

    /// Hands `message` to the synth on this thread, its failure an output error.
    private func applyNow(_ message: MIDIMessage) throws(MIDIOutputError) {
        do {
            try Self.apply(message, to: synthesizer)
        } catch {
            throw MIDIOutputError(operation: error.operation, reason: error.reason)
        }
    }

    public func setDueTime(_ instant: MonotonicInstant) { due = instant }

    /// Selects, at once and on this thread, the presets `setup` chooses
    /// (bank selects and program changes, in order). Playback synths load a
    /// preset's samples only when a channel selects it (dynamic sample
    /// loading: a large SoundFont opens in milliseconds), and that reading
    /// belongs here, before playback, not in the audio thread nor in front
    /// of the first note. The scheduler sends the same messages again at
    /// their time; selecting a preset a channel has is free.
    public func prepare(_ setup: some Sequence<MIDIMessage>) throws(MIDIOutputError) {
        for message in setup {
            let isBank = message.kind == .controlChange
                && (message.controller == .bankSelectMSB || message.controller == .bankSelectLSB)
            if isBank || message.kind == .programChange { try applyNow(message) }
        }
    }

    /// Nothing is buffered on our side: the synth (or the audio thread's
    /// queue) has the message as soon as `send` returns.
    public func flush() throws(MIDIOutputError) { due = nil }

    /// The longest `close()` waits for releasing voices.
    public var releaseAllowance = 1.5

    /// Waits until no voice sounds (releases and the reverb's last 250 ms
    /// included, at most `releaseAllowance` seconds), then stops the audio
    /// thread. Idempotent; called by deinit.
    public func close() {
        guard driver != nil || timedDriver != nil else { return }
        var waited = 0.0
        while synthesizer.activeVoiceCount > 0, waited < releaseAllowance {
            usleep(10_000)
            waited += 0.01
        }
        synthesizer.allSoundsOff()
        if waited < releaseAllowance { usleep(250_000) }
        driver = nil
        timedDriver = nil
    }

    /// What a message asks of the synth; nil for what a synth ignores.
    enum Action: Equatable {
        case noteOn(channel: Int32, key: Int32, velocity: Int32)
        case noteOff(channel: Int32, key: Int32)
        case control(channel: Int32, controller: Int32, value: Int32)
        case program(channel: Int32, program: Int32)
    }

    static func action(for message: MIDIMessage) -> Action? {
        guard let channel = message.channel else { return nil }
        let ch = Int32(channel.rawValue)
        switch message.kind {
        case .noteOn where message.velocity > 0:
            return .noteOn(channel: ch, key: Int32(message.key), velocity: Int32(message.velocity))
        case .noteOn, .noteOff:
            return .noteOff(channel: ch, key: Int32(message.key))
        case .controlChange where message.controller == .allSoundOff:
            // All-sound-off would cut every voice mid-waveform, a click at
            // each stop: release them instead (they fade within their
            // release time) and let `close()` wait for them.
            return .control(channel: ch, controller: Int32(Controller.allNotesOff.rawValue), value: 0)
        case .controlChange:
            return .control(channel: ch, controller: Int32(message.controller.rawValue), value: Int32(message.value))
        case .programChange:
            return .program(channel: ch, program: Int32(message.program))
        default:
            // The timeline sends nothing else; aftertouch and pitch bend
            // would need their own calls when it does.
            return nil
        }
    }

    /// Hands one channel message to the synth. Note-ons the SoundFont has no
    /// sound for and note-offs of silent keys are not errors for a player.
    static func apply(_ message: MIDIMessage, to synth: Synthesizer) throws(FluidSynthError) {
        switch action(for: message) {
        case .noteOn(let channel, let key, let velocity): _ = FluidSynthCalls.noteOn(synth.handle, channel, key, velocity)
        case .noteOff(let channel, let key): _ = FluidSynthCalls.noteOff(synth.handle, channel, key)
        case .control(let channel, let controller, let value):
            try FluidSynthCalls.controlChange(synth.handle, channel, controller, value)
        case .program(let channel, let program): try FluidSynthCalls.programChange(synth.handle, channel, program)
        case nil: break
        }
    }

    /// The same from the audio thread, where a failure has no one to report to.
    static func applyInAudioThread(_ message: MIDIMessage, to synth: OpaquePointer) {
        switch action(for: message) {
        case .noteOn(let channel, let key, let velocity): _ = FluidSynthCalls.noteOn(synth, channel, key, velocity)
        case .noteOff(let channel, let key): _ = FluidSynthCalls.noteOff(synth, channel, key)
        case .control(let channel, let controller, let value):
            FluidSynthCalls.controlChangeUnchecked(synth, channel, controller, value)
        case .program(let channel, let program): FluidSynthCalls.programChangeUnchecked(synth, channel, program)
        case nil: break
        }
    }
}
