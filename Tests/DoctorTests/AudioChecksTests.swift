// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import Doctor
import Testing

@Suite struct AudioChecksTests {
    @Test func cardsAreListedByNumberAndName() {
        let result = AudioChecks.cards(FakeMachine.healthy)
        #expect(result.status == .ok)
        #expect(result.summary == "2 sound cards: 0 HDA Intel PCH, 1 Loopback")
    }

    @Test func noSoundCardIsAnErrorThatLeavesRenderingAlone() {
        var facts = FakeMachine.healthy
        facts.cards = "--- no soundcards ---\n"
        let result = AudioChecks.cards(facts)
        #expect(result.status == .error)
        #expect(result.summary.contains("render to a file still works"))
        #expect(AudioChecks.cards(FakeMachine.withoutSound).summary.contains("no sound support"))
    }

    @Test func cardsThisUserMayNotOpenNameTheGroup() {
        var facts = FakeMachine.healthy
        facts.playbackDevices[0].accessible = false
        let result = AudioChecks.cards(facts)
        #expect(result.status == .error)
        #expect(result.fix == "sudo usermod -aG audio $USER, then log in again")
    }

    @Test func theAlsaDriverNeedsACard() {
        #expect(AudioChecks.audioDriver(FakeMachine.healthy).status == .ok)
        #expect(AudioChecks.audioDriver(FakeMachine.withoutSound).status == .error)
    }

    @Test func aServerDriverNeedsItsServerAndOffersAlsa() {
        var facts = FakeMachine.healthy
        facts.audioDriver = "pulseaudio"
        let missing = AudioChecks.audioDriver(facts)
        #expect(missing.status == .error)
        #expect(missing.fix == "start PulseAudio, or play with --audio-driver alsa")
        facts.soundServers = ["PulseAudio"]
        #expect(AudioChecks.audioDriver(facts).status == .ok)
    }

    @Test func theSoundFontIsShownWithItsSize() {
        let result = AudioChecks.soundFont(FakeMachine.healthy)
        #expect(result.status == .ok)
        #expect(result.summary == "/usr/share/sounds/sf2/FluidR3_GM.sf2 (141 MiB)")
    }

    @Test func noSoundFontTellsWhichPackage() {
        var facts = FakeMachine.healthy
        facts.soundFont = .missing("Cannot find a SoundFont - none given and none installed")
        let result = AudioChecks.soundFont(facts)
        #expect(result.status == .error)
        #expect(result.fix?.contains("fluid-soundfont-gm") == true)
    }
}
