import ArgumentParser
import FluidSynthOutput
import Playback
import Sequencer

/// Where `play` sends its MIDI: the options choosing and configuring the backend.
///
/// The backends (FluidSynth to the sound card, ALSA `--port`) add their options here.
struct OutputOptions: ParsableArguments {
    /// FluidSynth: SoundFont, audio driver and device, latency, any setting.
    @OptionGroup var synth: SynthOptions
}

/// No backend is compiled into this build.
struct NoOutputBackend: Error, CustomStringConvertible {
    var description: String { "no output backend available in this build" }
}

/// Opens the output `play` will drive, as `options` choose.
///
/// Called only once there is something to play; the returned output is
/// handed to a `Player`, which owns it from then on.
func makePlaybackOutput(_ options: OutputOptions, timeline: Timeline) throws -> any MIDIOutput {
    // No port given: FluidSynth plays it through the sound card.
    try FluidSynthMIDIOutput(configuration: options.synth.configuration())
}
