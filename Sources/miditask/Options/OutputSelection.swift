import ALSASequencer
import ArgumentParser
import FluidSynthOutput
import Playback
import Sequencer

/// Where `play` sends its MIDI: the options choosing and configuring the backend.
///
/// Without a port, FluidSynth plays through the sound card; with `--port`
/// (or `$MIDITASK_PORT`), the ALSA sequencer sends to hardware synths.
struct OutputOptions: ParsableArguments {
    @OptionGroup(title: "ALSA sequencer output") var ports: PortOptions

    /// FluidSynth: SoundFont, audio driver and device, latency, any setting.
    @OptionGroup(title: "FluidSynth output (when no port is given)") var synth: SynthOptions
}

/// Opens the output `play` will drive, as `options` choose.
///
/// Called only once there is something to play; the returned output is
/// handed to a `Player`, which owns it from then on.
func makePlaybackOutput(_ options: OutputOptions, timeline: Timeline) throws -> any MIDIOutput {
    if !options.ports.specs.isEmpty {
        return try options.ports.openOutput()
    }
    // No port given: FluidSynth plays it through the sound card. Its alsa
    // driver's failure is reported by FluidSynth; libasound's own lines
    // before it would only repeat it less clearly.
    ALSALibraryMessages.silence()
    return try FluidSynthMIDIOutput(configuration: options.synth.configuration())
}
