// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import FluidSynthOutput

/// FluidSynth options, named as users of the fluidsynth command expect.
struct SynthOptions: ParsableArguments {
    @Option(name: .customLong("soundfont"), help: ArgumentHelp(
        "A SoundFont (.sf2) to play with; repeatable, later ones win. Default: $MIDITASK_SOUNDFONT, "
            + "the system's GM SoundFont, then soundfonts/miditask-gm.sf2.", valueName: "path"))
    var soundFonts: [String] = []

    @Option(help: ArgumentHelp("FluidSynth's audio driver (alsa, pulseaudio, jack…, as FluidSynth was built).",
                               valueName: "name"))
    var audioDriver: String?

    @Option(help: ArgumentHelp("The driver's device, e.g. hw:0 or hw:Loopback,0,0 for alsa.", valueName: "device"))
    var audioDevice: String?

    @Option(help: ArgumentHelp("Sample rate in Hz (default 44100).", valueName: "hz"))
    var sampleRate: Double?

    @Option(help: ArgumentHelp("Master gain, 0–10 (FluidSynth's default 0.2).", valueName: "gain"))
    var gain: Double?

    @Flag(inversion: .prefixedNo, help: "Reverb (on by default).")
    var reverb: Bool?

    @Flag(inversion: .prefixedNo, help: "Chorus (on by default).")
    var chorus: Bool?

    @Option(help: ArgumentHelp("Most voices sounding at once (default 256).", valueName: "n"))
    var polyphony: Int?

    @Option(help: ArgumentHelp("Frames per audio buffer (audio.period-size); smaller is lower latency.",
                               valueName: "frames"))
    var bufferSize: Int?

    @Option(help: ArgumentHelp("Number of audio buffers (audio.periods).", valueName: "n"))
    var bufferCount: Int?

    @Option(name: .customShort("o"), parsing: .singleValue,
            help: ArgumentHelp("Any FluidSynth setting, e.g. -o synth.reverb.room-size=0.6; repeatable. "
                + "(For render, -o without '=' names the output file.)", valueName: "name=value"))
    var options: [String] = []

    func validate() throws {
        if let sampleRate, !(sampleRate > 0) { throw ValidationError("--sample-rate must be positive") }
        if let gain, !(0...10).contains(gain) { throw ValidationError("--gain must be within 0–10") }
    }

    /// `-o` values that are FluidSynth settings (they contain "=").
    var settings: [(name: String, value: String)] {
        options.compactMap { spec in
            guard let eq = spec.firstIndex(of: "="), eq != spec.startIndex else { return nil }
            return (String(spec[..<eq]), String(spec[spec.index(after: eq)...]))
        }
    }

    /// `-o` values without "=": output files for `render`, mistakes elsewhere.
    var plainValues: [String] {
        options.filter { spec in spec.firstIndex(of: "=").map { $0 == spec.startIndex } ?? true }
    }

    /// The configuration, with a SoundFont found by `locator` when none was
    /// given. `-o` values must all be settings unless `allowPlainValues`.
    func configuration(locator: SoundFontLocator = .standard, allowPlainValues: Bool = false) throws -> SynthConfiguration {
        if !allowPlainValues, let spec = plainValues.first {
            throw ValidationError("-o \(spec): expected a FluidSynth setting as name=value, e.g. -o synth.polyphony=128")
        }
        var c = SynthConfiguration()
        c.soundFonts = soundFonts.isEmpty ? [try locator.locate()] : soundFonts
        c.audioDriver = audioDriver
        c.audioDevice = audioDevice
        c.sampleRate = sampleRate
        c.gain = gain
        c.reverb = reverb
        c.chorus = chorus
        c.polyphony = polyphony
        c.periodSize = bufferSize
        c.periods = bufferCount
        c.settings = settings
        return c
    }
}
