// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Real-time priority for the scheduler thread, and locked memory for FluidSynth's samples.
enum PriorityChecks {
    /// The SCHED_FIFO priority the scheduler thread asks for (Playback's
    /// `SchedulerThread.realTimePriority`, which is not public).
    static let schedulerPriority: UInt64 = 30

    /// Debian's way to grant both to a group: a file under /etc/security/limits.d.
    static let limitsFile = "/etc/security/limits.d/audio.conf"

    static func realTime(_ facts: MachineFacts) -> CheckResult {
        if facts.realTimeRefusal == nil {
            let how = facts.capabilities.sysNice ? "by CAP_SYS_NICE"
                : "by RLIMIT_RTPRIO \(facts.realTimeLimit.soft.map { String($0) } ?? "unlimited")"
            return CheckResult("realtime", .ok, "real-time priority \(schedulerPriority) granted \(how)")
        }
        let limit = facts.realTimeLimit.soft.map { String($0) } ?? "unlimited"
        let summary = "real-time priority refused (RLIMIT_RTPRIO \(limit), "
            + (facts.capabilities.sysNice ? "CAP_SYS_NICE held but refused" : "no CAP_SYS_NICE")
            + "): the scheduler runs at normal priority, so notes may be late under load"
        return CheckResult("realtime", .warning, summary, fix: grantFix(facts, limit: "rtprio 95"))
    }

    /// FluidSynth locks the samples it loads (synth.lock-memory): past the
    /// limit they may be swapped out and a note wait on the disk.
    static func memoryLock(_ facts: MachineFacts) -> CheckResult {
        if facts.capabilities.ipcLock {
            return CheckResult("memlock", .ok, "memory locking unlimited by CAP_IPC_LOCK")
        }
        guard let limit = facts.memoryLockLimit.soft else {
            return CheckResult("memlock", .ok, "memory locking unlimited (RLIMIT_MEMLOCK)")
        }
        let text = "RLIMIT_MEMLOCK \(size(limit))"
        if case .found(_, let bytes, _) = facts.soundFont, limit < bytes {
            return CheckResult("memlock", .warning, "\(text), less than the SoundFont's \(size(bytes)): "
                               + "FluidSynth cannot lock all its samples in memory, so some may be swapped out",
                               fix: grantFix(facts, limit: "memlock unlimited"))
        }
        return CheckResult("memlock", .ok, text + ", enough for the SoundFont")
    }

    /// How to be granted `limit` ("rtprio 95"): through the audio group, or
    /// the container's capabilities for root.
    static func grantFix(_ facts: MachineFacts, limit: String) -> String {
        if facts.userID == 0 {
            return "root is refused: in a container, add the capability (docker run --cap-add=sys_nice "
                + "--ulimit rtprio=95 --ulimit memlock=-1)"
        }
        let line = "add \"@audio - \(limit)\" to \(limitsFile)"
        if facts.audioGroup.isMember { return line + ", then log in again" }
        return "sudo usermod -aG audio $USER; " + line + "; then log in again"
    }

    /// "8 MiB", "141 MiB", "512 KiB".
    static func size(_ bytes: UInt64) -> String {
        if bytes >= 1 << 30 { return "\(bytes >> 30) GiB" }
        if bytes >= 1 << 20 { return "\(bytes >> 20) MiB" }
        if bytes >= 1 << 10 { return "\(bytes >> 10) KiB" }
        return "\(bytes) bytes"
    }
}
