// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FluidSynthOutput
import Testing

@Suite struct FluidSettingsTests {
    @Test func unknownSettingNameIsAnErrorNamingIt() throws {
        let settings = try FluidSettings()
        #expect {
            try settings.set("synth.no-such-thing", to: "1")
        } throws: { error in
            "\(error)" == "Cannot set synth.no-such-thing to \"1\" - FluidSynth has no setting named synth.no-such-thing"
        }
    }

    @Test func integerSettingRejectsText() throws {
        let settings = try FluidSettings()
        #expect(throws: FluidSynthError.self) { try settings.set("synth.polyphony", to: "many") }
        #expect(settings.integer("synth.polyphony") == 256)
    }

    @Test func integerSettingRejectsOutOfRangeWithTheRange() throws {
        let settings = try FluidSettings()
        #expect {
            try settings.set("synth.polyphony", to: "0")
        } throws: { error in
            "\(error)".contains("out of range 1…65535")
        }
    }

    @Test func numberSettingIsTypedFromText() throws {
        let settings = try FluidSettings()
        try settings.set("synth.gain", to: "0.5")
        #expect(settings.number("synth.gain") == 0.5)
        #expect(throws: FluidSynthError.self) { try settings.set("synth.gain", to: "loud") }
    }

    @Test func toggleSettingTakesYesAndNo() throws {
        let settings = try FluidSettings()
        try settings.set("synth.reverb.active", to: "no")
        #expect(settings.integer("synth.reverb.active") == 0)
        try settings.set("synth.reverb.active", to: "yes")
        #expect(settings.integer("synth.reverb.active") == 1)
    }

    @Test func unknownAudioDriverErrorListsTheBuiltInOnes() throws {
        let settings = try FluidSettings()
        let drivers = settings.audioDrivers
        #expect(drivers.contains("alsa"))
        #expect {
            try settings.set("audio.driver", to: "nonesuch")
        } throws: { error in
            "\(error)".contains("valid values are " + drivers.joined(separator: ", "))
        }
    }

    @Test func stringSettingIsStored() throws {
        let settings = try FluidSettings()
        try settings.set("audio.alsa.device", to: "hw:Loopback,0,0")
        #expect(settings.string("audio.alsa.device") == "hw:Loopback,0,0")
    }
}
