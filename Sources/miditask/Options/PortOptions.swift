// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import ArgumentParser
import CommandLineSupport
import Glibc
import Playback
import Sequencer
import SystemClock

/// Where `play` sends MIDI when it goes to the ALSA sequencer.
struct PortOptions: ParsableArguments {
    @Option(name: .customLong("port"), parsing: .singleValue,
            help: ArgumentHelp("""
                Play to this ALSA sequencer port: client:port numbers, or a client or port name \
                or a unique part of one (see `miditask ports`). Repeatable or comma-separated \
                for several destinations. Default: $MIDITASK_PORT.
                """, valueName: "SPEC"))
    var portValues: [String] = []

    @OptionGroup var routing: RouteOptions

    @Option(name: .customLong("wait-for-port"),
            help: ArgumentHelp("Wait up to this long for the port to appear (a device plugged in later).",
                               valueName: "SECONDS"))
    var waitForPort: Double?

    @Option(help: ArgumentHelp("""
                How far ahead events go into the ALSA sequencer's queue, in milliseconds: the kernel's \
                timer then sends each at its time, so a busy machine or missing real-time priority does \
                not make notes late; pause, seek, mute and stop still act at once. 0 sends each event \
                directly at its time. Not with FluidSynth in the mix (a --route beside FluidSynth).
                """, valueName: "MS"))
    var lookahead: Double = PortOptions.defaultLookahead

    /// The look-ahead chosen by measurement (see the README's timing section).
    static let defaultLookahead = 200.0

    @Flag(help: "Also send MIDI clock with start, stop, continue and song position, for drum machines and sequencers: at the song's tempo and in phase with its beats (estimated, or --bpm/--first-beat), else at 120 BPM.")
    var clock = false

    func validate() throws {
        for value in portValues where PortSpec.list(from: [value]).isEmpty {
            throw ValidationError("--port \"\(value)\": empty port spec; expected client:port or a port name")
        }
        if let wait = waitForPort, !(wait.isFinite && wait >= 0 && wait <= 86_400) {
            throw ValidationError("--wait-for-port \(wait): expected seconds between 0 and 86400")
        }
        if waitForPort != nil && specs.isEmpty && routing.values.isEmpty {
            throw ValidationError("--wait-for-port needs a port to wait for (--port, --route or $MIDITASK_PORT)")
        }
        if !(lookahead.isFinite && lookahead >= 0 && lookahead <= 2000) {
            throw ValidationError("--lookahead \(lookahead): expected milliseconds between 0 and 2000")
        }
        if clock && specs.isEmpty && routing.values.isEmpty {
            throw ValidationError("--clock needs --port or --route: the clock goes to ALSA sequencer ports")
        }
    }

    /// The destinations asked for: `--port` values, else $MIDITASK_PORT; empty for none.
    var specs: [PortSpec] {
        if !portValues.isEmpty { return PortSpec.list(from: portValues) }
        guard let env = getenv("MIDITASK_PORT") else { return [] }
        return PortSpec.list(from: [String(cString: env)])
    }

    /// The timeline with the MIDI clock in it when `--clock` asks for one:
    /// locked to `tempo` when there is one to trust, else 120 BPM from the start.
    func addingClock(to timeline: Timeline, tempo: TempoEstimate?) -> Timeline {
        guard clock else { return timeline }
        if let tempo { return MIDIClockTrack.adding(to: timeline, lockedTo: tempo) }
        return MIDIClockTrack(bpm: 120).adding(to: timeline)
    }

    /// The look-ahead as the player takes it.
    var lookaheadAmount: TimeAmount { .nanoseconds(Int64((lookahead * 1_000_000).rounded())) }

    /// Opens the sequencer output to the destinations, waiting for them if asked;
    /// `queued` puts what is handed ahead on a queue of its own.
    func openOutput(queued: Bool) throws -> ALSAMIDIOutput {
        try ALSAMIDIOutput(ports: specs, waitSeconds: waitForPort, queued: queued)
    }

    /// Opens one sequencer output for a `--route` port (a client of its own,
    /// named after the route, so that `aconnect -l` tells them apart).
    func openRoute(_ spec: String, number: Int, queued: Bool) throws -> ALSAMIDIOutput {
        try ALSAMIDIOutput(ports: PortSpec.list(from: [spec]), waitSeconds: waitForPort,
                           clientName: "miditask route \(number)", queued: queued)
    }
}
