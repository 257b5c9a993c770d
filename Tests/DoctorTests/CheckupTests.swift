// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Doctor
import Testing

@Suite struct CheckupTests {
    @Test func aHealthyMachinePlaysBothWays() {
        let checkup = Checkup(FakeMachine.healthy)
        #expect(checkup.results.allSatisfy { $0.status == .ok }, "\(checkup.text)")
        #expect(checkup.playbackCanWork)
        #expect(checkup.playbackRoutes.count == 2)
        #expect(checkup.results.map(\.name) == ["sequencer", "timer", "ports", "realtime", "memlock", "cards",
                                                "driver", "soundfont", "library", "config", "apikey"])
    }

    @Test func withoutSoundPlaybackCannotWork() {
        let checkup = Checkup(FakeMachine.withoutSound)
        #expect(!checkup.playbackCanWork)
        #expect(checkup.text.hasSuffix("Playback cannot work: no MIDI port to send to, and FluidSynth has no sound output or no SoundFont.\n"))
    }

    @Test func aPortAloneIsEnough() {
        var facts = FakeMachine.healthy
        facts.cards = "--- no soundcards ---\n"
        facts.playbackDevices = []
        let checkup = Checkup(facts)
        #expect(checkup.playbackRoutes == ["to 1 MIDI port through the ALSA sequencer"])
    }

    @Test func aSoundCardAndASoundFontAreEnough() {
        var facts = FakeMachine.healthy
        facts.ports = .listed([])
        #expect(Checkup(facts).playbackRoutes == ["through FluidSynth (alsa)"])
        facts.soundFont = .missing("none")
        #expect(!Checkup(facts).playbackCanWork)
    }

    @Test func oneLinePerCheckWithTheFixOnIt() {
        var facts = FakeMachine.healthy
        facts.timers = FakeMachine.systemTimerOnly
        let lines = Checkup(facts).text.split(separator: "\n")
        #expect(lines.count == 12)
        #expect(lines[0].hasPrefix("OK      sequencer   "))
        #expect(lines[1] == "warning timer       system timer only (4 ms ticks): the notes play --port queues leave on its ticks"
                + " — fix: sudo modprobe snd-hrtimer")
    }

    @Test func theKeyNeverAppears() {
        var facts = FakeMachine.healthy
        facts.apiKeySource = "MIDITASK_API_KEY"
        let checkup = Checkup(facts)
        #expect(checkup.text.contains("configured (from MIDITASK_API_KEY)"))
    }

    @Test func jsonHasTheVerdictAndEveryCheck() {
        let json = Checkup(FakeMachine.withoutSound).json
        #expect(json.hasPrefix("{\n  \"playbackCanWork\": false,\n  \"playbackRoutes\": [],\n  \"checks\": [\n"))
        #expect(json.contains("{\"name\": \"config\", \"status\": \"ok\", \"summary\": \"/home/u/.config/miditask/config (mode 600)\", \"fix\": null}"))
    }
}
