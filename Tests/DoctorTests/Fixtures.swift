// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import Doctor

/// Machines as the checks see them: a desktop where everything works, and
/// the pieces tests swap in to break one thing at a time.
enum FakeMachine {
    static let cardsText = """
         0 [PCH            ]: HDA-Intel - HDA Intel PCH
                              HDA Intel PCH at 0xf7f10000 irq 33
         1 [Loopback       ]: Loopback - Loopback
                              Loopback 1

        """

    static let timersText = """
        G0: system timer : 4000.000us (10000000 ticks)
        G3: HR timer : 0.001us (1000000000 ticks)
        P0-0-0: PCM playback 0-0-0 : SLAVE

        """

    static let systemTimerOnly = """
        G0: system timer : 4000.000us (10000000 ticks)

        """

    static let modulesText = """
        snd_seq_dummy 16384 0 - Live 0x0000000000000000
        snd_seq 94208 7 snd_seq_dummy, Live 0x0000000000000000
        snd_timer 49152 2 snd_seq,snd_pcm, Live 0x0000000000000000

        """

    static let synth = PortDescription(
        address: PortAddress(client: 20, port: 0), clientName: "UM-ONE", portName: "UM-ONE MIDI 1",
        clientType: .kernel, capabilities: [.write, .subscriptionWrite], type: [.midiGeneric, .hardware, .port])

    static var healthy: MachineFacts {
        MachineFacts(
            sequencerDevice: DeviceNode(path: "/dev/snd/seq", exists: true, accessible: true, group: "audio"),
            kernelHasSound: true, modules: modulesText, timers: timersText, ports: .listed([synth]),
            realTimeLimit: ResourceLimit(soft: 95), memoryLockLimit: .unlimited,
            capabilities: Capabilities(bits: 0), userID: 1000,
            audioGroup: GroupMembership(exists: true, isMember: true), realTimeRefusal: nil,
            cards: cardsText,
            playbackDevices: [DeviceNode(path: "/dev/snd/pcmC0D0p", exists: true, accessible: true, group: "audio")],
            audioDriver: "alsa", audioDrivers: ["alsa", "jack", "pulseaudio"], soundServers: [],
            soundFont: .found(path: "/usr/share/sounds/sf2/FluidR3_GM.sf2", bytes: 148_398_306, fromEnvironment: false),
            library: .usable(path: "/home/u/.local/share/miditask/library.sqlite", tasks: 3),
            configFile: .present(path: "/home/u/.config/miditask/config", mode: 0o100600, problem: nil),
            apiKeySource: "/home/u/.config/miditask/config")
    }

    /// A container or build machine: no /dev/snd, no /proc/asound.
    static var withoutSound: MachineFacts {
        var facts = healthy
        facts.sequencerDevice = DeviceNode(path: "/dev/snd/seq", exists: false, accessible: false)
        facts.kernelHasSound = false
        facts.timers = nil
        facts.ports = nil
        facts.cards = nil
        facts.playbackDevices = []
        return facts
    }
}
