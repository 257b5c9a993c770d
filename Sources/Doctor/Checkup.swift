// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// Every check of `miditask doctor` over a machine's facts, and whether playback can work.
public struct Checkup: Sendable {
    public let results: [CheckResult]
    /// The ways playback can go, in words ("to 2 MIDI ports through the
    /// ALSA sequencer"); empty when it cannot go anywhere.
    public let playbackRoutes: [String]

    /// Playback works when either route does: a MIDI port through the
    /// sequencer, or FluidSynth with a SoundFont through a working audio driver.
    public var playbackCanWork: Bool { !playbackRoutes.isEmpty }

    /// What the checks are, in a sentence for the command's help.
    public static let about = """
        One line per check, OK, warning or error, with the fix: the ALSA sequencer \
        (/dev/snd/seq, the snd-seq module), its timer, the MIDI ports, real-time priority \
        and memory locking, the sound cards and FluidSynth's audio driver, the SoundFont, \
        the task library, the config file (mode 0600) and whether an API key is set (it is \
        never printed); the last three through miditask-api, when it is installed. Exits 0 \
        when playback can work, through a MIDI port or through FluidSynth, and 1 when it cannot.
        """

    public init(_ facts: MachineFacts) {
        let sequencer = SequencerChecks.sequencer(facts)
        let ports = SequencerChecks.ports(facts)
        let driver = AudioChecks.audioDriver(facts)
        let soundFont = AudioChecks.soundFont(facts)
        results = [
            sequencer,
            SequencerChecks.timer(facts),
            ports,
            PriorityChecks.realTime(facts),
            PriorityChecks.memoryLock(facts),
            AudioChecks.cards(facts),
            driver,
            soundFont,
            SettingsChecks.library(facts),
            SettingsChecks.configFile(facts),
            SettingsChecks.apiKey(facts),
        ]
        var routes: [String] = []
        if sequencer.status == .ok, ports.status == .ok, case .listed(let list)? = facts.ports {
            routes.append("to \(list.count) MIDI port\(list.count == 1 ? "" : "s") through the ALSA sequencer")
        }
        if driver.status != .error, soundFont.status == .ok {
            routes.append("through FluidSynth (\(facts.audioDriver))")
        }
        playbackRoutes = routes
    }

    /// The last line: whether and how playback can work.
    public var verdict: String {
        playbackCanWork
            ? "Playback can work: " + playbackRoutes.joined(separator: "; ") + "."
            : "Playback cannot work: no MIDI port to send to, and FluidSynth has no sound output or no SoundFont."
    }

    /// One line per check, then the verdict.
    public var text: String {
        results.map(\.line).joined(separator: "\n") + "\n" + verdict + "\n"
    }

    /// `{"playbackCanWork", "playbackRoutes", "checks": [{name, status, summary, fix}]}`.
    public var json: String {
        let routes = playbackRoutes.map(JSONText.quote).joined(separator: ", ")
        return "{\n  \"playbackCanWork\": \(playbackCanWork),\n  \"playbackRoutes\": [\(routes)],\n  \"checks\": [\n"
            + results.map { "    " + $0.json }.joined(separator: ",\n") + "\n  ]\n}\n"
    }
}
