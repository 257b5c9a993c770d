import MIDIWire

#if canImport(Glibc)
import Glibc
#endif

/// Plays MIDI through FluidSynth to the sound card.
///
/// Messages go straight into the synth, which the audio driver's own thread
/// renders; latency is the driver's buffering (audio.period-size ×
/// audio.periods frames). Bank select arrives as CC 0/32 before a program
/// change and FluidSynth applies it then. Channel 10 is the drum kit in
/// FluidSynth's default "gs" bank-select mode, so a plain program change
/// there picks a kit.
public final class FluidSynthMIDIOutput: MIDIOutput {
    /// Freed before the synth it plays (see `AudioDriver`).
    private var driver: AudioDriver?
    public let synthesizer: Synthesizer

    /// Starts the audio driver on an already loaded synthesizer.
    public init(synthesizer: Synthesizer) throws(FluidSynthError) {
        self.synthesizer = synthesizer
        driver = try AudioDriver(synthesizer: synthesizer)
    }

    /// Builds the synth from `configuration` (SoundFonts loaded) and starts the driver.
    public convenience init(configuration: SynthConfiguration) throws(FluidSynthError) {
        try self.init(synthesizer: configuration.makeSynthesizer(forPlayback: true))
    }

    /// Lets released notes ring out (up to `releaseAllowance`), then stops the driver.
    deinit { close() }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        do {
            try Self.apply(message, to: synthesizer)
        } catch {
            throw MIDIOutputError(operation: error.operation, reason: error.reason)
        }
    }

    /// Nothing is buffered on our side: the synth has the event as soon as
    /// `send` returns and sounds it in the driver's next period.
    public func flush() throws(MIDIOutputError) {}

    /// The longest `close()` waits for releasing voices.
    public var releaseAllowance = 1.5

    /// Waits until no voice sounds (releases and the reverb's last 250 ms
    /// included, at most `releaseAllowance` seconds), then stops the audio
    /// thread. Idempotent; called by deinit.
    public func close() {
        guard driver != nil else { return }
        var waited = 0.0
        while synthesizer.activeVoiceCount > 0, waited < releaseAllowance {
            usleep(10_000)
            waited += 0.01
        }
        synthesizer.allSoundsOff()
        if waited < releaseAllowance { usleep(250_000) }
        driver = nil
    }

    /// Hands one channel message to the synth. Note-ons the SoundFont has no
    /// sound for and note-offs of silent keys are not errors for a player.
    static func apply(_ message: MIDIMessage, to synth: Synthesizer) throws(FluidSynthError) {
        // System messages (MIDI clock) mean nothing to a synth.
        guard let channel = message.channel else { return }
        switch message.kind {
        case .noteOn where message.velocity > 0:
            synth.noteOn(channel: channel, key: message.key, velocity: message.velocity)
        case .noteOn, .noteOff:
            synth.noteOff(channel: channel, key: message.key)
        case .controlChange where message.controller == .allSoundOff:
            // All-sound-off would cut every voice mid-waveform, a click at
            // each stop: release them instead (they fade within their
            // release time) and let `close()` wait for them.
            try synth.controlChange(channel: channel, controller: .allNotesOff, value: 0)
        case .controlChange:
            try synth.controlChange(channel: channel, controller: message.controller, value: message.value)
        case .programChange:
            try synth.programChange(channel: channel, program: message.program)
        default:
            // The timeline sends nothing else; aftertouch and pitch bend
            // would need their own calls when it does.
            break
        }
    }
}
