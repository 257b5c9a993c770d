// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer

/// What `miditask doctor` found on the machine, before any judgement.
///
/// Plain values (the text of a /proc file, a limit, whether a file exists),
/// so that each check is a pure function of them: `MachineFacts.gather`
/// reads them from this process's machine, and anything else may build
/// them by hand to ask what the checks make of another machine.
public struct MachineFacts: Sendable {
    // MARK: The ALSA sequencer

    /// `/dev/snd/seq`.
    public var sequencerDevice: DeviceNode
    /// Whether `/proc/asound` exists: the kernel has sound support at all.
    public var kernelHasSound: Bool
    /// The text of `/proc/modules` (nil when unreadable).
    public var modules: String?
    /// The text of `/proc/asound/timers` (nil when absent).
    public var timers: String?
    /// The ports `play --port` could use, or why the sequencer would not open
    /// (nil when it was not tried: no device).
    public var ports: PortsFinding?

    // MARK: Real-time priority and memory locking

    /// RLIMIT_RTPRIO: the highest SCHED_FIFO priority allowed without CAP_SYS_NICE.
    public var realTimeLimit: ResourceLimit
    /// RLIMIT_MEMLOCK, in bytes: how much memory may be locked without CAP_IPC_LOCK.
    public var memoryLockLimit: ResourceLimit
    /// The effective capability set (`CapEff` of /proc/self/status).
    public var capabilities: Capabilities
    /// The effective user id.
    public var userID: UInt32
    /// Whether the system has an `audio` group, and whether this process is in it.
    public var audioGroup: GroupMembership
    /// Whether a thread asking for SCHED_FIFO at the scheduler's priority got
    /// it (nil: granted), or the system's reason for refusing.
    public var realTimeRefusal: String?

    // MARK: Audio

    /// The text of `/proc/asound/cards` (nil when absent).
    public var cards: String?
    /// The PCM playback devices, `/dev/snd/pcmC*D*p`.
    public var playbackDevices: [DeviceNode]
    /// FluidSynth's audio driver when none is chosen, and every driver it has.
    public var audioDriver: String
    public var audioDrivers: [String]
    /// Sound-server sockets found: "PulseAudio", "PipeWire", "JACK".
    public var soundServers: [String]
    /// The SoundFont playback would load, or why there is none.
    public var soundFont: SoundFontFinding

    // MARK: The task library and the API settings

    /// Where the task library is, and in what state.
    public var library: LibraryFinding
    /// The config file, and whether it reads.
    public var configFile: ConfigFileFinding
    /// Where the API key comes from (never the key itself), nil if none.
    public var apiKeySource: String?

    public init(sequencerDevice: DeviceNode, kernelHasSound: Bool, modules: String?, timers: String?,
                ports: PortsFinding?, realTimeLimit: ResourceLimit, memoryLockLimit: ResourceLimit,
                capabilities: Capabilities, userID: UInt32, audioGroup: GroupMembership, realTimeRefusal: String?,
                cards: String?, playbackDevices: [DeviceNode], audioDriver: String, audioDrivers: [String],
                soundServers: [String], soundFont: SoundFontFinding, library: LibraryFinding,
                configFile: ConfigFileFinding, apiKeySource: String?) {
        self.sequencerDevice = sequencerDevice
        self.kernelHasSound = kernelHasSound
        self.modules = modules
        self.timers = timers
        self.ports = ports
        self.realTimeLimit = realTimeLimit
        self.memoryLockLimit = memoryLockLimit
        self.capabilities = capabilities
        self.userID = userID
        self.audioGroup = audioGroup
        self.realTimeRefusal = realTimeRefusal
        self.cards = cards
        self.playbackDevices = playbackDevices
        self.audioDriver = audioDriver
        self.audioDrivers = audioDrivers
        self.soundServers = soundServers
        self.soundFont = soundFont
        self.library = library
        self.configFile = configFile
        self.apiKeySource = apiKeySource
    }
}

/// A device file and whether this process may open it for reading and writing.
public struct DeviceNode: Sendable, Equatable {
    public var path: String
    public var exists: Bool
    public var accessible: Bool
    /// The group owning it ("audio"), when it exists.
    public var group: String?

    public init(path: String, exists: Bool, accessible: Bool, group: String? = nil) {
        self.path = path
        self.exists = exists
        self.accessible = accessible
        self.group = group
    }
}

/// A resource limit's soft value (the one enforced); nil means unlimited.
public struct ResourceLimit: Sendable, Equatable {
    public var soft: UInt64?

    public init(soft: UInt64?) { self.soft = soft }

    public static let unlimited = ResourceLimit(soft: nil)

    /// Whether the limit allows at least `value`.
    public func allows(_ value: UInt64) -> Bool { soft.map { $0 >= value } ?? true }
}

/// A capability set, as the kernel prints it in /proc/self/status.
public struct Capabilities: Sendable, Equatable {
    public var bits: UInt64

    public init(bits: UInt64) { self.bits = bits }

    /// Reads the hexadecimal `CapEff:` line of /proc/self/status text.
    public init?(status text: String) {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("CapEff:") }),
              let bits = UInt64(ProcText.trimmed(line.dropFirst("CapEff:".count)), radix: 16)
        else { return nil }
        self.bits = bits
    }

    /// Raise scheduling priority, SCHED_FIFO included.
    public var sysNice: Bool { bits & (1 << 23) != 0 }
    /// Lock memory beyond RLIMIT_MEMLOCK.
    public var ipcLock: Bool { bits & (1 << 14) != 0 }
}

/// The `audio` group, which owns /dev/snd on Debian and is what limits files grant.
public struct GroupMembership: Sendable, Equatable {
    public var exists: Bool
    public var isMember: Bool

    public init(exists: Bool, isMember: Bool) {
        self.exists = exists
        self.isMember = isMember
    }
}

/// The sequencer's ports, or why it could not be opened.
public enum PortsFinding: Sendable, Equatable {
    case listed([PortDescription])
    case failed(String)
}

/// The SoundFont found, or the locator's reason and advice.
public enum SoundFontFinding: Sendable, Equatable {
    case found(path: String, bytes: UInt64, fromEnvironment: Bool)
    case missing(String)
}

/// The task library's folder and what is in it.
public enum LibraryFinding: Sendable, Equatable {
    /// No folder yet: made on the first fetch or callback.
    case notYetMade(directory: String)
    /// The database opened and holds this many tasks.
    case usable(path: String, tasks: Int)
    /// It exists but cannot be used; the reason.
    case unusable(path: String, reason: String)
    /// No place for it (no HOME, no MIDITASK_LIBRARY).
    case nowhere(String)
    /// Not looked at: the online program, which keeps it, is not at this path.
    case onlineProgramMissing(path: String)
}

/// The config file: absent, or its mode and whether it reads.
public enum ConfigFileFinding: Sendable, Equatable {
    /// No HOME nor XDG_CONFIG_HOME: no place for one.
    case nowhere
    case absent(path: String)
    /// `mode` holds the permission bits; `problem` is why it did not load.
    case present(path: String, mode: UInt32, problem: String?)
    /// Not read: only the online program uses it, and it is not installed.
    case notRead
}

/// The task library, the config file and where the API key comes from, as
/// the online program (miditask-api), which uses them, finds them.
public struct SettingsFindings: Sendable, Equatable {
    public var library: LibraryFinding
    public var configFile: ConfigFileFinding
    /// Where the key comes from (a variable's name or the file's path); never the key.
    public var apiKeySource: String?

    public init(library: LibraryFinding, configFile: ConfigFileFinding, apiKeySource: String?) {
        self.library = library
        self.configFile = configFile
        self.apiKeySource = apiKeySource
    }

    /// What the playback program reports when the online program is not at
    /// `path`: nothing of the library or the settings is read.
    public static func onlineProgramMissing(path: String) -> SettingsFindings {
        SettingsFindings(library: .onlineProgramMissing(path: path), configFile: .notRead, apiKeySource: nil)
    }
}
