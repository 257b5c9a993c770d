// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer
import FluidSynthOutput
import SystemClock

extension MachineFacts {
    /// Reads the facts of this process's machine, with `environment` as this
    /// process's environment, and `settings` as the online program found them.
    /// Opens the sequencer (when it exists) to list its ports and starts one
    /// real-time thread to see whether it is allowed: it changes nothing on
    /// the machine.
    public static func gather(environment: [String: String], settings: SettingsFindings) -> MachineFacts {
        let sequencer = device("/dev/snd/seq")
        var ports: PortsFinding?
        if sequencer.exists && sequencer.accessible {
            // The failure is reported in the sequencer line; libasound's own
            // lines would only repeat it.
            ALSALibraryMessages.silence()
            do throws(ALSAError) {
                ports = .listed(try PortList.playable(clientName: "miditask-doctor"))
            } catch {
                ports = .failed(error.description)
            }
        }
        let playback = SystemCalls.list("/dev/snd")
            .filter { $0.hasPrefix("pcmC") && $0.hasSuffix("p") }
            .map { device("/dev/snd/" + $0) }
        let audioGroupID = SystemCalls.groupID("audio")
        let (driver, drivers) = fluidSynthDrivers()
        let soundFont = findSoundFont()
        return MachineFacts(
            sequencerDevice: sequencer,
            kernelHasSound: SystemCalls.status("/proc/asound")?.isDirectory ?? false,
            modules: SystemCalls.readText("/proc/modules"),
            timers: SystemCalls.readText("/proc/asound/timers"),
            ports: ports,
            realTimeLimit: ResourceLimit(soft: SystemCalls.softLimit(.realTimePriority)),
            memoryLockLimit: ResourceLimit(soft: SystemCalls.softLimit(.lockedMemory)),
            capabilities: SystemCalls.readText("/proc/self/status").flatMap(Capabilities.init(status:))
                ?? Capabilities(bits: 0),
            userID: SystemCalls.effectiveUserID(),
            audioGroup: GroupMembership(exists: audioGroupID != nil,
                                        isMember: audioGroupID.map { SystemCalls.groups().contains($0) } ?? false),
            realTimeRefusal: NamedThread.realTimeRefusal(priority: Int32(PriorityChecks.schedulerPriority)),
            cards: SystemCalls.readText("/proc/asound/cards"),
            playbackDevices: playback,
            audioDriver: driver,
            audioDrivers: drivers,
            soundServers: soundServers(environment),
            soundFont: soundFont,
            library: settings.library,
            configFile: settings.configFile,
            apiKeySource: settings.apiKeySource)
    }

    private static func device(_ path: String) -> DeviceNode {
        guard let status = SystemCalls.status(path) else {
            return DeviceNode(path: path, exists: false, accessible: false)
        }
        return DeviceNode(path: path, exists: true, accessible: SystemCalls.canReadWrite(path),
                          group: SystemCalls.groupName(status.groupID))
    }

    /// FluidSynth's default audio driver and every one it was built with.
    private static func fluidSynthDrivers() -> (String, [String]) {
        guard let settings = try? FluidSettings() else { return ("unknown", []) }
        return (settings.string("audio.driver") ?? "unknown", settings.audioDrivers)
    }

    private static func findSoundFont() -> SoundFontFinding {
        let locator = SoundFontLocator.standard
        do throws(FluidSynthError) {
            let path = try locator.locate()
            return .found(path: path, bytes: SystemCalls.status(path)?.size ?? 0,
                          fromEnvironment: path == locator.environmentPath)
        } catch {
            return .missing(error.description)
        }
    }

    /// The sound servers whose sockets are where their clients look.
    private static func soundServers(_ environment: [String: String]) -> [String] {
        var servers: [String] = []
        let runtime = environment["XDG_RUNTIME_DIR"]
        if environment["PULSE_SERVER"].map({ !$0.isEmpty }) ?? false
            || runtime.map({ SystemCalls.exists($0 + "/pulse/native") }) ?? false {
            servers.append("PulseAudio")
        }
        if let runtime, SystemCalls.exists(runtime + "/" + (environment["PIPEWIRE_REMOTE"] ?? "pipewire-0")) {
            servers.append("PipeWire")
        }
        if SystemCalls.list("/dev/shm").contains(where: { $0.hasPrefix("jack") }) {
            servers.append("JACK")
        }
        return servers
    }
}
