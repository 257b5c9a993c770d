// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The sound card, FluidSynth's audio driver and the SoundFont: what `play` without a port needs.
enum AudioChecks {
    static func cards(_ facts: MachineFacts) -> CheckResult {
        let cards = facts.cards.map(ProcText.cards) ?? []
        guard !cards.isEmpty else {
            let why = facts.kernelHasSound ? "no sound card" : "no sound card: this kernel has no sound support"
            return CheckResult("cards", .error, why + " (render to a file still works)",
                               fix: "connect one or load its driver; in a container, pass --device /dev/snd")
        }
        let listed = cards.prefix(4).map { "\($0.number) \($0.name)" }.joined(separator: ", ")
        let summary = "\(cards.count) sound card\(cards.count == 1 ? "" : "s"): \(listed)\(cards.count > 4 ? ", …" : "")"
        guard !facts.playbackDevices.isEmpty else {
            return CheckResult("cards", .error, summary + ", but no playback device in /dev/snd",
                               fix: "in a container, pass --device /dev/snd")
        }
        if !facts.playbackDevices.contains(where: \.accessible) {
            let group = facts.playbackDevices.first?.group ?? "audio"
            return CheckResult("cards", .error, summary + ", but this user may not open their playback devices",
                               fix: "sudo usermod -aG \(group) $USER, then log in again")
        }
        return CheckResult("cards", .ok, summary)
    }

    /// The driver FluidSynth plays through when `--audio-driver` is not given.
    static func audioDriver(_ facts: MachineFacts) -> CheckResult {
        let driver = facts.audioDriver
        let others = facts.audioDrivers.filter { $0 != driver }
        let also = others.isEmpty ? "" : " (also built in: \(others.joined(separator: ", ")))"
        let switchFix = facts.audioDrivers.contains("alsa") && driver != "alsa"
            ? "or play with --audio-driver alsa" : nil
        switch driver {
        case "alsa":
            if cards(facts).status == .error {
                return CheckResult("driver", .error, "FluidSynth's audio driver is alsa\(also), which needs a sound card",
                                   fix: "see the cards line")
            }
            return CheckResult("driver", .ok, "FluidSynth plays through alsa\(also)")
        case "pulseaudio", "pipewire", "jack":
            let server = driver == "pulseaudio" ? "PulseAudio" : driver == "pipewire" ? "PipeWire" : "JACK"
            if facts.soundServers.contains(server) {
                return CheckResult("driver", .ok, "FluidSynth plays through \(driver) to the running \(server)\(also)")
            }
            return CheckResult("driver", .error, "FluidSynth's audio driver is \(driver)\(also), but no \(server) server runs",
                               fix: ["start \(server)", switchFix].compactMap { $0 }.joined(separator: ", "))
        default:
            return CheckResult("driver", .warning, "FluidSynth's audio driver is \(driver)\(also)",
                               fix: switchFix ?? "choose one with --audio-driver")
        }
    }

    static func soundFont(_ facts: MachineFacts) -> CheckResult {
        switch facts.soundFont {
        case .found(let path, let bytes, let fromEnvironment):
            return CheckResult("soundfont", .ok, "\(path) (\(PriorityChecks.size(bytes)))"
                               + (fromEnvironment ? " from $MIDITASK_SOUNDFONT" : ""))
        case .missing(let reason):
            return CheckResult("soundfont", .error, reason,
                               fix: "sudo apt-get install fluid-soundfont-gm, or set $MIDITASK_SOUNDFONT")
        }
    }
}
