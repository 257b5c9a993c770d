import ALSASequencer
import ArgumentParser
import Playback
import Sequencer

/// Where `play` sends its MIDI: the options choosing and configuring the backend.
///
/// Empty in this build; the backends (FluidSynth to the sound card, ALSA
/// `--port`) add their options here.
struct OutputOptions: ParsableArguments {
    @OptionGroup(title: "ALSA sequencer output") var ports: PortOptions
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
    if !options.ports.specs.isEmpty {
        return try options.ports.openOutput()
    }
    throw NoOutputBackend()
}
