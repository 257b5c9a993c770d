// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import Doctor
import Testing

@Suite struct SequencerChecksTests {
    @Test func anOpenSequencerIsOK() {
        let result = SequencerChecks.sequencer(FakeMachine.healthy)
        #expect(result.status == .ok)
        #expect(result.summary.contains("/dev/snd/seq"))
    }

    @Test func noSoundInTheKernelSaysSoAndHowAContainerGetsIt() {
        let result = SequencerChecks.sequencer(FakeMachine.withoutSound)
        #expect(result.status == .error)
        #expect(result.summary.contains("no sound support"))
        #expect(result.fix?.contains("--device /dev/snd") == true)
    }

    @Test func anUnloadedModuleIsNamedWithModprobe() {
        var facts = FakeMachine.withoutSound
        facts.kernelHasSound = true
        facts.modules = "snd_pcm 1 0 - Live 0x0\nsnd_timer 1 1 snd_pcm, Live 0x0\n"
        let result = SequencerChecks.sequencer(facts)
        #expect(result.status == .error)
        #expect(result.summary.contains("snd-seq module is not loaded"))
        #expect(result.fix?.hasPrefix("sudo modprobe snd-seq") == true)
    }

    @Test func aDeviceThisUserMayNotOpenNamesItsGroup() {
        var facts = FakeMachine.healthy
        facts.sequencerDevice.accessible = false
        facts.ports = nil
        let result = SequencerChecks.sequencer(facts)
        #expect(result.status == .error)
        #expect(result.fix == "sudo usermod -aG audio $USER, then log in again")
    }

    @Test func aSequencerThatFailsToOpenGivesTheLibrarysReason() {
        var facts = FakeMachine.healthy
        facts.ports = .failed("Cannot open sequencer - No such device")
        let result = SequencerChecks.sequencer(facts)
        #expect(result.status == .error)
        #expect(result.summary.contains("No such device"))
    }

    @Test func theHighResolutionTimerIsOK() {
        let result = SequencerChecks.timer(FakeMachine.healthy)
        #expect(result.status == .ok)
        #expect(result.summary == "high-resolution timer for sequencer queues (1 ns ticks)")
    }

    @Test func theSystemTimerAloneIsAWarningWithItsTick() {
        var facts = FakeMachine.healthy
        facts.timers = FakeMachine.systemTimerOnly
        let result = SequencerChecks.timer(facts)
        #expect(result.status == .warning)
        #expect(result.summary.contains("(4 ms ticks)"))
        #expect(result.fix == "sudo modprobe snd-hrtimer")
    }

    @Test func portsAreCountedAndNamed() {
        let result = SequencerChecks.ports(FakeMachine.healthy)
        #expect(result.status == .ok)
        #expect(result.summary == "1 MIDI port: 20:0 UM-ONE MIDI 1")
    }

    @Test func noPortIsAWarningSinceFluidSynthStillPlays() {
        var facts = FakeMachine.healthy
        facts.ports = .listed([])
        let result = SequencerChecks.ports(facts)
        #expect(result.status == .warning)
        #expect(result.fix != nil)
    }
}
