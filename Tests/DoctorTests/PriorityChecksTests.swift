// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

@testable import Doctor
import Testing

@Suite struct PriorityChecksTests {
    @Test func grantedByTheLimitSaysTheLimit() {
        let result = PriorityChecks.realTime(FakeMachine.healthy)
        #expect(result.status == .ok)
        #expect(result.summary == "real-time priority 30 granted by RLIMIT_RTPRIO 95")
    }

    @Test func grantedByTheCapabilitySaysTheCapability() {
        var facts = FakeMachine.healthy
        facts.userID = 0
        facts.realTimeLimit = ResourceLimit(soft: 0)
        facts.capabilities = Capabilities(bits: 1 << 23)
        #expect(PriorityChecks.realTime(facts).summary.hasSuffix("granted by CAP_SYS_NICE"))
    }

    @Test func refusedOutsideTheAudioGroupTellsToJoinItAndRaiseTheLimit() {
        var facts = FakeMachine.healthy
        facts.realTimeLimit = ResourceLimit(soft: 0)
        facts.audioGroup.isMember = false
        facts.realTimeRefusal = "Operation not permitted"
        let result = PriorityChecks.realTime(facts)
        #expect(result.status == .warning)
        #expect(result.summary.hasPrefix("real-time priority refused (RLIMIT_RTPRIO 0, no CAP_SYS_NICE)"))
        #expect(result.fix == "sudo usermod -aG audio $USER; add \"@audio - rtprio 95\" to "
                + "/etc/security/limits.d/audio.conf; then log in again")
    }

    @Test func refusedInTheAudioGroupTellsOnlyTheLimit() {
        var facts = FakeMachine.healthy
        facts.realTimeLimit = ResourceLimit(soft: 0)
        facts.realTimeRefusal = "Operation not permitted"
        #expect(PriorityChecks.realTime(facts).fix?.hasPrefix("add \"@audio - rtprio 95\"") == true)
    }

    @Test func refusedToRootPointsAtTheContainer() {
        var facts = FakeMachine.healthy
        facts.userID = 0
        facts.realTimeRefusal = "Operation not permitted"
        #expect(PriorityChecks.realTime(facts).fix?.contains("--cap-add=sys_nice") == true)
    }

    @Test func aMemlockLimitBelowTheSoundFontIsAWarning() {
        var facts = FakeMachine.healthy
        facts.memoryLockLimit = ResourceLimit(soft: 8 << 20)
        let result = PriorityChecks.memoryLock(facts)
        #expect(result.status == .warning)
        #expect(result.summary.hasPrefix("RLIMIT_MEMLOCK 8 MiB, less than the SoundFont's 141 MiB"))
        #expect(result.fix?.contains("memlock unlimited") == true)
    }

    @Test func anUnlimitedOrLargeEnoughMemlockIsOK() {
        var facts = FakeMachine.healthy
        #expect(PriorityChecks.memoryLock(facts).status == .ok)
        facts.memoryLockLimit = ResourceLimit(soft: 1 << 30)
        #expect(PriorityChecks.memoryLock(facts).status == .ok)
        facts.memoryLockLimit = ResourceLimit(soft: 0)
        facts.capabilities = Capabilities(bits: 1 << 14)
        #expect(PriorityChecks.memoryLock(facts).summary.contains("CAP_IPC_LOCK"))
    }

    @Test func capabilitiesAreReadFromProcStatus() {
        let status = "Name:\tmiditask\nCapInh:\t0000000000000000\nCapEff:\t000001ffffffffff\n"
        let caps = Capabilities(status: status)
        #expect(caps?.sysNice == true && caps?.ipcLock == true)
        #expect(Capabilities(status: "CapEff:\t0000000000000000\n")?.sysNice == false)
        #expect(Capabilities(status: "Name:\tx\n") == nil)
    }
}
