import ALSASequencer
import ArgumentParser
import FluidSynthOutput
import Playback
import Sequencer

/// Where `play` sends its MIDI: the options choosing and configuring the backend.
///
/// The backends (FluidSynth to the sound card, ALSA `--port`) add their options here.
struct OutputOptions: ParsableArguments {
    @OptionGroup(title: "ALSA sequencer output") var ports: PortOptions
    /// FluidSynth, used when no port is given: SoundFont, audio driver and device, latency, any setting.
    @OptionGroup(title: "FluidSynth output (without --port)") var synth: SynthOptions
}

/// Opens the output `play` will drive, as `options` choose.
///
/// Called only once there is something to play; the returned output is
/// handed to a `Player`, which owns it from then on.
func makePlaybackOutput(_ options: OutputOptions, timeline: Timeline) throws -> any MIDIOutput {
    if !options.ports.specs.isEmpty {
        return try options.ports.openOutput()
    }
    // No port given: FluidSynth plays it through the sound card.
    return try FluidSynthMIDIOutput(configuration: options.synth.configuration())
}
