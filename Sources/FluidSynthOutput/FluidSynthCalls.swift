// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CFluidSynth

/// The one place that calls FluidSynth's C API.
///
/// Everything above this sees typed values and `FluidSynthError`, never a
/// raw status. Functions that can fail run inside `FluidSynthLog.capturing`
/// so that the message FluidSynth logs for the failure becomes the error's
/// reason.
enum FluidSynthCalls {
    typealias Handle = OpaquePointer

    /// Runs a call returning a status; `FLUID_FAILED` (or any negative
    /// value) becomes an error carrying `operation` and FluidSynth's message.
    @discardableResult
    static func check(_ operation: @autoclosure () -> String, _ call: () -> Int32) throws(FluidSynthError) -> Int32 {
        let (status, messages) = FluidSynthLog.capturing(call)
        guard status >= 0 else {
            // The first message is the cause; later ones are consequences
            // ("Failed to load SoundFont" after "file size mismatch").
            throw FluidSynthError(operation: operation(), reason: messages.first ?? "FluidSynth reported a failure")
        }
        report(messages)
        return status
    }

    /// Runs a call returning a pointer; nil becomes an error as in `check`.
    static func checkHandle(_ operation: @autoclosure () -> String, _ call: () -> Handle?) throws(FluidSynthError) -> Handle {
        let (handle, messages) = FluidSynthLog.capturing(call)
        guard let handle else {
            throw FluidSynthError(operation: operation(), reason: messages.first ?? "FluidSynth reported a failure")
        }
        report(messages)
        return handle
    }

    /// Errors logged by a call that still succeeded are news for the user.
    private static func report(_ messages: [String]) {
        for message in messages { FluidSynthLog.writeToStandardError("fluidsynth: error: \(message)\n") }
    }

    // MARK: Settings

    enum SettingType { case number, integer, string }

    static func newSettings() throws(FluidSynthError) -> Handle {
        try checkHandle("create FluidSynth settings") { new_fluid_settings() }
    }

    static func deleteSettings(_ settings: Handle) { delete_fluid_settings(settings) }

    /// The type of setting `name`, or nil when FluidSynth has no such setting.
    static func settingType(_ settings: Handle, _ name: String) -> SettingType? {
        switch fluid_settings_get_type(settings, name) {
        case Int32(FLUID_NUM_TYPE.rawValue): .number
        case Int32(FLUID_INT_TYPE.rawValue): .integer
        case Int32(FLUID_STR_TYPE.rawValue): .string
        default: nil
        }
    }

    static func isToggle(_ settings: Handle, _ name: String) -> Bool {
        var hints: Int32 = 0
        guard fluid_settings_get_hints(settings, name, &hints) == FLUID_OK else { return false }
        return hints & FLUID_HINT_TOGGLED != 0
    }

    static func setInteger(_ settings: Handle, _ name: String, _ value: Int32) throws(FluidSynthError) {
        try check("set \(name) to \(value)") { fluid_settings_setint(settings, name, value) }
    }

    static func setNumber(_ settings: Handle, _ name: String, _ value: Double) throws(FluidSynthError) {
        try check("set \(name) to \(value)") { fluid_settings_setnum(settings, name, value) }
    }

    static func setString(_ settings: Handle, _ name: String, _ value: String) throws(FluidSynthError) {
        try check("set \(name) to \"\(value)\"") { fluid_settings_setstr(settings, name, value) }
    }

    static func integer(_ settings: Handle, _ name: String) -> Int32? {
        var value: Int32 = 0
        return fluid_settings_getint(settings, name, &value) == FLUID_OK ? value : nil
    }

    static func number(_ settings: Handle, _ name: String) -> Double? {
        var value = 0.0
        return fluid_settings_getnum(settings, name, &value) == FLUID_OK ? value : nil
    }

    static func string(_ settings: Handle, _ name: String) -> String? {
        var pointer: UnsafeMutablePointer<CChar>?
        guard fluid_settings_dupstr(settings, name, &pointer) == FLUID_OK, let pointer else { return nil }
        defer { fluid_free(pointer) }
        return String(cString: pointer)
    }

    static func integerRange(_ settings: Handle, _ name: String) -> ClosedRange<Int32>? {
        var low: Int32 = 0, high: Int32 = 0
        guard fluid_settings_getint_range(settings, name, &low, &high) == FLUID_OK, low <= high else { return nil }
        return low...high
    }

    static func numberRange(_ settings: Handle, _ name: String) -> ClosedRange<Double>? {
        var low = 0.0, high = 0.0
        guard fluid_settings_getnum_range(settings, name, &low, &high) == FLUID_OK, low <= high else { return nil }
        return low...high
    }

    /// The values a string setting accepts (audio.driver: the drivers built in), sorted.
    static func options(_ settings: Handle, _ name: String) -> [String] {
        final class Box { var values: [String] = [] }
        let box = Box()
        withExtendedLifetime(box) {
            fluid_settings_foreach_option(settings, name, Unmanaged.passUnretained(box).toOpaque()) { data, _, option in
                guard let data, let option else { return }
                Unmanaged<Box>.fromOpaque(data).takeUnretainedValue().values.append(String(cString: option))
            }
        }
        return box.values
    }

    // MARK: Synth

    static func newSynth(_ settings: Handle) throws(FluidSynthError) -> Handle {
        try checkHandle("create the synthesizer") { new_fluid_synth(settings) }
    }

    static func deleteSynth(_ synth: Handle) { delete_fluid_synth(synth) }

    /// Loads a SoundFont; returns its id. Presets are assigned to channels anew.
    static func loadSoundFont(_ synth: Handle, _ path: String) throws(FluidSynthError) -> Int32 {
        try check("load SoundFont \(path)") { fluid_synth_sfload(synth, path, 1) }
    }

    /// Note-on; false when FluidSynth had nothing to play (no preset on the channel).
    static func noteOn(_ synth: Handle, _ channel: Int32, _ key: Int32, _ velocity: Int32) -> Bool {
        fluid_synth_noteon(synth, channel, key, velocity) == FLUID_OK
    }

    /// Note-off; false when the key was not sounding, which is no error for us.
    static func noteOff(_ synth: Handle, _ channel: Int32, _ key: Int32) -> Bool {
        fluid_synth_noteoff(synth, channel, key) == FLUID_OK
    }

    static func controlChange(_ synth: Handle, _ channel: Int32, _ controller: Int32, _ value: Int32) throws(FluidSynthError) {
        try check("send control change \(controller)=\(value) on channel \(channel + 1)") {
            fluid_synth_cc(synth, channel, controller, value)
        }
    }

    static func programChange(_ synth: Handle, _ channel: Int32, _ program: Int32) throws(FluidSynthError) {
        try check("change program to \(program) on channel \(channel + 1)") {
            fluid_synth_program_change(synth, channel, program)
        }
    }

    /// The bank and program a channel plays now.
    static func program(_ synth: Handle, _ channel: Int32) throws(FluidSynthError) -> (bank: Int, program: Int) {
        var font: Int32 = 0, bank: Int32 = 0, program: Int32 = 0
        try check("read the program of channel \(channel + 1)") {
            fluid_synth_get_program(synth, channel, &font, &bank, &program)
        }
        return (Int(bank), Int(program))
    }

    static func allSoundsOff(_ synth: Handle) {
        _ = fluid_synth_all_sounds_off(synth, -1)
    }

    static func activeVoiceCount(_ synth: Handle) -> Int {
        Int(fluid_synth_get_active_voice_count(synth))
    }

    /// Renders `frames` stereo frames as interleaved floats into `buffer`
    /// (which holds at least 2 × frames values).
    static func writeFloat(_ synth: Handle, frames: Int, into buffer: UnsafeMutablePointer<Float>) throws(FluidSynthError) {
        try check("render audio") {
            fluid_synth_write_float(synth, Int32(frames), buffer, 0, 2, buffer, 1, 2)
        }
    }

    // MARK: Audio driver

    static func newAudioDriver(_ settings: Handle, _ synth: Handle, driver: String) throws(FluidSynthError) -> Handle {
        try checkHandle("start the \(driver) audio driver") { new_fluid_audio_driver(settings, synth) }
    }

    static func deleteAudioDriver(_ driver: Handle) { delete_fluid_audio_driver(driver) }

    /// FluidSynth's audio callback: context, frames, effect buffers (count,
    /// pointers), dry buffers (count, pointers); returns 0 when it rendered.
    typealias AudioCallback = @convention(c) (UnsafeMutableRawPointer?, Int32, Int32,
                                              UnsafeMutablePointer<UnsafeMutablePointer<Float>?>?, Int32,
                                              UnsafeMutablePointer<UnsafeMutablePointer<Float>?>?) -> Int32

    /// An audio driver that asks `callback` for every period instead of rendering the synth itself.
    static func newAudioDriver(_ settings: Handle, driver: String, callback: AudioCallback,
                               context: UnsafeMutableRawPointer) throws(FluidSynthError) -> Handle {
        try checkHandle("start the \(driver) audio driver") { new_fluid_audio_driver2(settings, callback, context) }
    }

    /// Renders `frames` into the given buffers (from the audio thread: no logging, no locks of ours).
    static func process(_ synth: Handle, frames: Int, effects: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>,
                        effectCount: Int, dry: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>, dryCount: Int) {
        _ = fluid_synth_process(synth, Int32(frames), Int32(effectCount), effects, Int32(dryCount), dry)
    }

    /// Control and program changes from the audio thread, where a failure has
    /// no one to go to (FluidSynth logs it).
    static func controlChangeUnchecked(_ synth: Handle, _ channel: Int32, _ controller: Int32, _ value: Int32) {
        _ = fluid_synth_cc(synth, channel, controller, value)
    }

    static func programChangeUnchecked(_ synth: Handle, _ channel: Int32, _ program: Int32) {
        _ = fluid_synth_program_change(synth, channel, program)
    }
}
