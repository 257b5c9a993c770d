// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ALSASequencer

/// The ALSA sequencer, its timer and its ports: what `play --port` needs.
enum SequencerChecks {
    /// `/dev/snd/seq`, and what keeps it away when it is missing.
    static func sequencer(_ facts: MachineFacts) -> CheckResult {
        let device = facts.sequencerDevice
        if device.exists {
            if !device.accessible {
                return CheckResult("sequencer", .error, "\(device.path) exists but this user may not open it"
                                   + (device.group.map { " (it belongs to group \($0))" } ?? ""),
                                   fix: "sudo usermod -aG \(device.group ?? "audio") $USER, then log in again")
            }
            if case .failed(let reason)? = facts.ports {
                return CheckResult("sequencer", .error, "\(device.path) does not open: \(reason)",
                                   fix: "sudo modprobe snd-seq; check dmesg for ALSA errors")
            }
            return CheckResult("sequencer", .ok, "ALSA sequencer at \(device.path)")
        }
        guard facts.kernelHasSound else {
            return CheckResult("sequencer", .error, "no \(device.path): this kernel has no sound support (no /proc/asound)",
                               fix: "in a container, pass the host's devices (docker run --device /dev/snd); "
                                   + "in a VM, give it a sound device; or load the kernel's sound modules")
        }
        if let modules = facts.modules, !ProcText.hasModule("snd-seq", in: modules) {
            return CheckResult("sequencer", .error, "no \(device.path): the snd-seq module is not loaded",
                               fix: "sudo modprobe snd-seq (and add snd-seq to /etc/modules to load it at boot)")
        }
        return CheckResult("sequencer", .error, "no \(device.path), though the kernel has sound support",
                           fix: "sudo modprobe snd-seq; in a container, pass the device (docker run --device /dev/snd/seq)")
    }

    /// The timers a sequencer queue can run on: the high-resolution one, or the system tick.
    ///
    /// `play --port` queues its notes on the sequencer a look-ahead ahead
    /// (`--lookahead`), so the queue's timer decides when they leave: on the
    /// system timer, at its ticks (4 ms on a 250 Hz kernel), hence a warning.
    static func timer(_ facts: MachineFacts) -> CheckResult {
        guard let text = facts.timers else {
            return CheckResult("timer", .warning, "no /proc/asound/timers: no ALSA timer to check",
                               fix: facts.kernelHasSound ? "sudo modprobe snd-timer" : "see the sequencer line")
        }
        let timers = ProcText.globalTimers(text)
        if let hr = timers.first(where: { $0.name.hasPrefix("HR timer") }) {
            return CheckResult("timer", .ok, "high-resolution timer for sequencer queues"
                               + (hr.resolution.map { " (\(microseconds($0)) ticks)" } ?? ""))
        }
        if let system = timers.first(where: { $0.name.hasPrefix("system timer") }) {
            return CheckResult("timer", .warning, "system timer only"
                               + (system.resolution.map { " (\(microseconds($0)) ticks)" } ?? "")
                               + ": the notes play --port queues leave on its ticks",
                               fix: "sudo modprobe snd-hrtimer")
        }
        return CheckResult("timer", .warning, "neither the high-resolution nor the system timer is listed",
                           fix: "sudo modprobe snd-hrtimer")
    }

    /// The ports `play --port` can send to.
    static func ports(_ facts: MachineFacts) -> CheckResult {
        switch facts.ports {
        case nil, .failed?:
            return CheckResult("ports", .warning, "no MIDI ports to list without the sequencer")
        case .listed(let ports)?:
            guard !ports.isEmpty else {
                return CheckResult("ports", .warning, "no MIDI port to play to; play without --port uses FluidSynth",
                                   fix: "connect a MIDI interface or start a software synth (fluidsynth -a alsa -s)")
            }
            let shown = ports.prefix(4).map { "\($0.address) \($0.portName)" }.joined(separator: ", ")
            let more = ports.count > 4 ? ", …" : ""
            return CheckResult("ports", .ok, "\(ports.count) MIDI port\(ports.count == 1 ? "" : "s"): \(shown)\(more)")
        }
    }

    /// "1 ns", "4 ms", "10 µs" for a resolution in microseconds.
    static func microseconds(_ us: Double) -> String {
        if us >= 1000 { return number(us / 1000) + " ms" }
        if us >= 1 { return number(us) + " µs" }
        return number(us * 1000) + " ns"
    }

    private static func number(_ value: Double) -> String {
        let rounded = (value * 1000).rounded() / 1000
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}
