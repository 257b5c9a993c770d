// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire

/// A FluidSynth synthesizer: SoundFonts loaded, channels to play on.
///
/// Owns its handle and keeps its settings alive (freed after it). FluidSynth
/// locks its own calls by default (synth.threadsafe-api), so an audio
/// driver may render while another thread sends events.
public final class Synthesizer {
    let handle: FluidSynthCalls.Handle
    public let settings: FluidSettings

    public init(settings: FluidSettings) throws(FluidSynthError) {
        self.settings = settings
        handle = try FluidSynthCalls.newSynth(settings.handle)
    }

    deinit { FluidSynthCalls.deleteSynth(handle) }

    /// Output sample rate in Hz (synth.sample-rate).
    public var sampleRate: Double { settings.number("synth.sample-rate") ?? 44_100 }

    /// Loads a SoundFont file; later ones take precedence for presets they share.
    @discardableResult
    public func loadSoundFont(_ path: String) throws(FluidSynthError) -> Int {
        // FluidSynth's own message for a missing file is about its loader;
        // say plainly what is wrong.
        var info = stat()
        if stat(path, &info) != 0 {
            throw FluidSynthError(operation: "load SoundFont \(path)", reason: String(cString: strerror(errno)))
        }
        if (info.st_mode & S_IFMT) == S_IFDIR {
            throw FluidSynthError(operation: "load SoundFont \(path)", reason: "it is a directory")
        }
        // A file that is no SoundFont at all also goes through FluidSynth's
        // DLS loader, whose library prints assertion noise: catch it here.
        guard let kind = Self.riffForm(path), kind == "sfbk" || kind == "DLS " else {
            throw FluidSynthError(operation: "load SoundFont \(path)", reason: "not a SoundFont (.sf2) file")
        }
        return Int(try FluidSynthCalls.loadSoundFont(handle, path))
    }

    /// The form type of a RIFF file ("sfbk" for SoundFont 2), or nil.
    static func riffForm(_ path: String) -> String? {
        guard let file = fopen(path, "rb") else { return nil }
        defer { fclose(file) }
        var header = [UInt8](repeating: 0, count: 12)
        guard fread(&header, 1, 12, file) == 12, header[0..<4] == Array("RIFF".utf8)[...] else { return nil }
        return String(decoding: header[8..<12], as: UTF8.self)
    }

    /// Starts a note; false when the channel's preset has nothing for it.
    @discardableResult
    public func noteOn(channel: MIDIChannel, key: UInt8, velocity: UInt8) -> Bool {
        FluidSynthCalls.noteOn(handle, Int32(channel.rawValue), Int32(key), Int32(velocity))
    }

    /// Releases a note; false when it was not sounding.
    @discardableResult
    public func noteOff(channel: MIDIChannel, key: UInt8) -> Bool {
        FluidSynthCalls.noteOff(handle, Int32(channel.rawValue), Int32(key))
    }

    public func controlChange(channel: MIDIChannel, controller: Controller, value: UInt8) throws(FluidSynthError) {
        try FluidSynthCalls.controlChange(handle, Int32(channel.rawValue), Int32(controller.rawValue), Int32(value))
    }

    /// Selects a program in the channel's current bank (bank select is CC 0/32).
    public func programChange(channel: MIDIChannel, program: UInt8) throws(FluidSynthError) {
        try FluidSynthCalls.programChange(handle, Int32(channel.rawValue), Int32(program))
    }

    /// The bank and program a channel plays now (bank 128 is a drum kit).
    public func program(channel: MIDIChannel) throws(FluidSynthError) -> (bank: Int, program: Int) {
        try FluidSynthCalls.program(handle, Int32(channel.rawValue))
    }

    /// Silences every voice at once, releases included.
    public func allSoundsOff() { FluidSynthCalls.allSoundsOff(handle) }

    /// Voices still sounding (including releasing ones).
    public var activeVoiceCount: Int { FluidSynthCalls.activeVoiceCount(handle) }

    /// Renders the next `frames` stereo frames, interleaved left/right, as
    /// floats where ±1 is full scale. `buffer` holds at least 2 × frames.
    public func render(frames: Int, into buffer: UnsafeMutablePointer<Float>) throws(FluidSynthError) {
        try FluidSynthCalls.writeFloat(handle, frames: frames, into: buffer)
    }
}

#if canImport(Glibc)
import Glibc
#endif
