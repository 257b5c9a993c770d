// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import ArgumentParser
import FluidSynthOutput
import MIDIWire
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
///
/// ALSA outputs queue what is handed ahead when `--lookahead` asks for it and
/// every output can (FluidSynth cannot take messages back).
func makePlaybackOutput(_ options: OutputOptions, timeline: Timeline) throws -> any MIDIOutput {
    let routes = try options.ports.routing.plan(for: timeline.plan)
    // Every instrument routed and no --port: nothing is left for a main output.
    let needsMain = !options.ports.specs.isEmpty
        || timeline.plan.assignments.indices.contains { routes.routeOf[$0] == nil }
    let queued = options.ports.lookahead > 0 && (!options.ports.specs.isEmpty || !needsMain)
    guard !routes.isEmpty else { return try makeMainOutput(options, timeline: timeline, queued: queued) }
    var outputs: [any MIDIOutput] = needsMain ? [try makeMainOutput(options, timeline: timeline, queued: queued)] : []
    let first = outputs.count
    for (number, spec) in routes.specs.enumerated() {
        outputs.append(try options.ports.openRoute(spec, number: number + 1, queued: queued))
    }
    return ChannelRouter(outputs: outputs, routes: routes.channels.mapValues { $0 + first })
}

/// The output for what is not routed: the --port destinations, else FluidSynth.
private func makeMainOutput(_ options: OutputOptions, timeline: Timeline, queued: Bool) throws -> any MIDIOutput {
    if !options.ports.specs.isEmpty {
        return try options.ports.openOutput(queued: queued)
    }
    // No port given: FluidSynth plays it through the sound card. Its alsa
    // driver's failure is reported by FluidSynth; libasound's own lines
    // before it would only repeat it less clearly.
    ALSALibraryMessages.silence()
    let synth = try FluidSynthMIDIOutput(configuration: options.synth.configuration())
    try synth.prepare(timeline.events.lazy.map(\.message))
    return synth
}

/// The timers the sequencer queues of `output` run on (none when it queues nothing).
func queueTimers(of output: any MIDIOutput) -> [QueueTimer] {
    if let alsa = output as? ALSAMIDIOutput { return alsa.queueTimer.map { [$0] } ?? [] }
    if let router = output as? ChannelRouter { return router.outputs.flatMap(queueTimers) }
    return []
}
