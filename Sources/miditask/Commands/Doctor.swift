// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Doctor
import Foundation

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check what playback needs on this machine, and say how to fix what is missing.",
        discussion: """
            One line per check, OK, warning or error, with the fix: the ALSA sequencer \
            (/dev/snd/seq, the snd-seq module), its timer, the MIDI ports, real-time priority \
            and memory locking, the sound cards and FluidSynth's audio driver, the SoundFont, \
            the task library, the config file (mode 0600) and whether an API key is set (it is \
            never printed). Exits 0 when playback can work, through a MIDI port or through \
            FluidSynth, and 1 when it cannot.
            """)

    @Flag(help: "Print a JSON object: playbackCanWork, playbackRoutes and checks [{name, status, summary, fix}].")
    var json = false

    func run() throws {
        let checkup = Checkup(MachineFacts.gather(environment: ProcessInfo.processInfo.environment))
        print(json ? checkup.json : checkup.text, terminator: "")
        if !checkup.playbackCanWork { throw ExitCode(1) }
    }
}
