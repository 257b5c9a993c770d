// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#endif

/// How to set up FluidSynth: what a user chose on the command line.
///
/// Unset values keep FluidSynth's defaults. `settings` are raw
/// `name=value` pairs applied last, so they win over the typed fields.
public struct SynthConfiguration: Sendable {
    /// SoundFont files, loaded in order (later ones take precedence).
    public var soundFonts: [String] = []
    /// audio.driver: alsa, pulseaudio, jack… (only for playing to a sound card).
    public var audioDriver: String?
    /// The driver's device setting (audio.alsa.device, …).
    public var audioDevice: String?
    /// synth.sample-rate, in Hz.
    public var sampleRate: Double?
    /// synth.gain (FluidSynth's default is 0.2).
    public var gain: Double?
    public var reverb: Bool?
    public var chorus: Bool?
    /// synth.polyphony: the most voices at once.
    public var polyphony: Int?
    /// audio.period-size: frames per audio buffer.
    public var periodSize: Int?
    /// audio.periods: how many buffers (latency = size × count / rate).
    public var periods: Int?
    /// synth.cpu-cores for rendering to a file: threads sharing the voices.
    /// Unset, every core the machine has (the same samples, byte for byte,
    /// in less time); several renders at once should share them out.
    public var renderCores: Int?
    /// Any other setting, as name → text, applied last.
    public var settings: [(name: String, value: String)] = []

    public init() {}

    /// FluidSynth settings with this configuration applied. `forPlayback`
    /// applies the audio driver fields too; rendering to a file ignores them.
    public func makeSettings(forPlayback: Bool) throws(FluidSynthError) -> FluidSettings {
        let s = try FluidSettings()
        if let sampleRate { try s.set("synth.sample-rate", number: sampleRate) }
        if let gain { try s.set("synth.gain", number: gain) }
        if let reverb { try s.set("synth.reverb.active", integer: reverb ? 1 : 0) }
        if let chorus { try s.set("synth.chorus.active", integer: chorus ? 1 : 0) }
        if let polyphony { try s.set("synth.polyphony", integer: polyphony) }
        if !forPlayback {
            try s.set("synth.cpu-cores", integer: max(1, renderCores ?? Self.machineCores))
        }
        if forPlayback {
            // Samples are read when a channel selects their preset (see
            // FluidSynthMIDIOutput.prepare): FluidR3_GM's 148 MB would
            // otherwise be read whole before the first note.
            try s.set("synth.dynamic-sample-loading", integer: 1)
            if let audioDriver { try s.set("audio.driver", string: audioDriver) }
            if let periodSize { try s.set("audio.period-size", integer: periodSize) }
            if let periods { try s.set("audio.periods", integer: periods) }
            if let audioDevice {
                let driver = s.string("audio.driver") ?? "alsa"
                let name = "audio.\(driver).device"
                guard s.has(name) else {
                    throw FluidSynthError(operation: "use audio device \(audioDevice)",
                                          reason: "the \(driver) driver takes no device setting")
                }
                try s.set(name, string: audioDevice)
            }
        }
        for (name, value) in settings { try s.set(name, to: value) }
        return s
    }

    /// This configuration for one of `jobs` renders running side by side:
    /// the machine's cores shared out among them, unless `renderCores` is set.
    public func sharingCores(among jobs: Int) -> SynthConfiguration {
        var shared = self
        shared.renderCores = renderCores ?? max(1, Self.machineCores / max(1, jobs))
        return shared
    }

    /// The cores the machine has online.
    public static var machineCores: Int { max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN)))) }

    /// A synthesizer with these settings and every SoundFont loaded.
    public func makeSynthesizer(forPlayback: Bool) throws(FluidSynthError) -> Synthesizer {
        let synth = try Synthesizer(settings: makeSettings(forPlayback: forPlayback))
        for path in soundFonts { try synth.loadSoundFont(path) }
        return synth
    }
}
