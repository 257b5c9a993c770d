// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A FluidSynth audio driver: a thread that renders the synth to the sound card.
///
/// Owns its handle and keeps the synth alive, so it is always freed first
/// (driver, then synth, then settings). The driver, device, sample rate and
/// period settings are read from the synth's settings when it starts.
public final class AudioDriver {
    let handle: FluidSynthCalls.Handle
    public let synthesizer: Synthesizer

    public init(synthesizer: Synthesizer) throws(FluidSynthError) {
        self.synthesizer = synthesizer
        let name = synthesizer.settings.string("audio.driver") ?? "default"
        handle = try FluidSynthCalls.newAudioDriver(synthesizer.settings.handle, synthesizer.handle, driver: name)
    }

    deinit { FluidSynthCalls.deleteAudioDriver(handle) }
}
