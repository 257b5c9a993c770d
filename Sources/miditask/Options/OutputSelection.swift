// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import ArgumentParser
import CommandLineSupport
import FluidSynthOutput
import FoundationEssentials
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

/// Which backend plays what, decided once from the options and the song:
/// the one place `play` chooses a backend. Opening the outputs and the live
/// view's label both read it; a new backend is a new `Main` case here.
struct OutputPlan {
    /// What plays the instruments that are not routed.
    enum Main {
        /// The `--port` destinations (or $MIDITASK_PORT), through the ALSA sequencer.
        case ports([PortSpec])
        /// FluidSynth through the sound card.
        case fluidSynth
        /// Nothing: every instrument is routed.
        case none
    }

    var main: Main
    /// Instruments `--route` sends to ports of their own.
    var routes: RouteOptions.Plan
    /// Whether ALSA outputs queue what is handed ahead (`--lookahead`): only
    /// when every output can take messages back, which FluidSynth cannot.
    var queued: Bool

    init(_ options: OutputOptions, channels: ChannelPlan) throws {
        let routes = try options.ports.routing.plan(for: channels)
        self.routes = routes
        let specs = options.ports.specs
        if !specs.isEmpty {
            main = .ports(specs)
        } else if channels.assignments.indices.contains(where: { routes.routeOf[$0] == nil }) {
            main = .fluidSynth
        } else {
            main = .none
        }
        if case .fluidSynth = main { queued = false } else { queued = options.ports.lookahead > 0 }
    }

    /// What the live view shows as the output.
    func label(soundFonts: () throws -> [String]) rethrows -> String {
        var label: String
        switch main {
        case .ports(let specs): label = "ALSA " + specs.map { String(describing: $0) }.joined(separator: ", ")
        case .fluidSynth: label = "FluidSynth · " + (try soundFonts()).map { $0.split(separator: "/").last.map(String.init) ?? $0 }.joined(separator: ", ")
        case .none: label = "ALSA"
        }
        if !routes.isEmpty { label += " + routed: " + routes.specs.joined(separator: ", ") }
        return label
    }

    /// Opens the outputs, as planned; the returned output is handed to a
    /// `Player`, which owns it from then on. Called only once there is
    /// something to play.
    func open(_ options: OutputOptions, timeline: Timeline) throws -> any MIDIOutput {
        let main: (any MIDIOutput)?
        switch self.main {
        case .ports: main = try options.ports.openOutput(queued: queued)
        case .fluidSynth:
            // FluidSynth plays it through the sound card. Its alsa driver's
            // failure is reported by FluidSynth; libasound's own lines before it
            // would only repeat it less clearly.
            ALSALibraryMessages.silence()
            let synth = try FluidSynthMIDIOutput(configuration: options.synth.configuration())
            try synth.prepare(timeline.events.lazy.map(\.message))
            main = synth
        case .none: main = nil
        }
        if routes.isEmpty, let main { return main }
        var outputs: [any MIDIOutput] = main.map { [$0] } ?? []
        let first = outputs.count
        for (number, spec) in routes.specs.enumerated() {
            outputs.append(try options.ports.openRoute(spec, number: number + 1, queued: queued))
        }
        return ChannelRouter(outputs: outputs, routes: routes.channels.mapValues { $0 + first })
    }
}

/// The timers the sequencer queues of `output` run on (none when it queues nothing).
func queueTimers(of output: any MIDIOutput) -> [QueueTimer] {
    if let alsa = output as? ALSAMIDIOutput { return alsa.queueTimer.map { [$0] } ?? [] }
    if let router = output as? ChannelRouter { return router.outputs.flatMap(queueTimers) }
    return []
}
