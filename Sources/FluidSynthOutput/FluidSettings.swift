// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// FluidSynth's settings object: every knob of the synth and its drivers.
///
/// Owns its handle. A synth made from these settings keeps them alive, so
/// they are freed after it. Not thread-safe: configure before starting.
public final class FluidSettings {
    let handle: FluidSynthCalls.Handle

    public init() throws(FluidSynthError) {
        FluidSynthLog.install()
        handle = try FluidSynthCalls.newSettings()
    }

    deinit { FluidSynthCalls.deleteSettings(handle) }

    /// Sets `name` from text, typed by what FluidSynth says the setting is:
    /// an integer (or yes/no for toggles), a number, or a string (checked
    /// against the setting's list of choices when it has one).
    public func set(_ name: String, to text: String) throws(FluidSynthError) {
        let operation = "set \(name) to \"\(text)\""
        guard let type = FluidSynthCalls.settingType(handle, name) else {
            throw FluidSynthError(operation: operation, reason: "FluidSynth has no setting named \(name)")
        }
        switch type {
        case .integer:
            let toggle = FluidSynthCalls.isToggle(handle, name)
            guard let value = Self.parseInteger(text, toggle: toggle) else {
                throw FluidSynthError(operation: operation,
                                      reason: toggle ? "expected yes or no (1 or 0)" : "expected an integer")
            }
            try set(name, integer: value)
        case .number:
            guard let value = Double(text), value.isFinite else {
                throw FluidSynthError(operation: operation, reason: "expected a number")
            }
            try set(name, number: value)
        case .string:
            try set(name, string: text)
        }
    }

    /// Sets an integer setting, checking FluidSynth's range first.
    public func set(_ name: String, integer value: Int) throws(FluidSynthError) {
        if let range = FluidSynthCalls.integerRange(handle, name), !range.contains(Int32(clamping: value)) || Int32(exactly: value) == nil {
            throw FluidSynthError(operation: "set \(name) to \(value)",
                                  reason: "out of range \(range.lowerBound)…\(range.upperBound)")
        }
        try FluidSynthCalls.setInteger(handle, name, Int32(clamping: value))
    }

    /// Sets a number setting, checking FluidSynth's range first.
    public func set(_ name: String, number value: Double) throws(FluidSynthError) {
        if let range = FluidSynthCalls.numberRange(handle, name), !range.contains(value) {
            throw FluidSynthError(operation: "set \(name) to \(value)",
                                  reason: "out of range \(range.lowerBound.formatted)…\(range.upperBound.formatted)")
        }
        try FluidSynthCalls.setNumber(handle, name, value)
    }

    /// Sets a string setting; one with a list of choices takes only those.
    public func set(_ name: String, string value: String) throws(FluidSynthError) {
        let choices = options(for: name)
        if !choices.isEmpty, !choices.contains(value) {
            throw FluidSynthError(operation: "set \(name) to \"\(value)\"",
                                  reason: "valid values are \(choices.joined(separator: ", "))")
        }
        try FluidSynthCalls.setString(handle, name, value)
    }

    /// True when FluidSynth knows a setting of this name.
    public func has(_ name: String) -> Bool { FluidSynthCalls.settingType(handle, name) != nil }

    public func integer(_ name: String) -> Int? { FluidSynthCalls.integer(handle, name).map(Int.init) }
    public func number(_ name: String) -> Double? { FluidSynthCalls.number(handle, name) }
    public func string(_ name: String) -> String? { FluidSynthCalls.string(handle, name) }

    /// The choices of a string setting (empty when it takes any text).
    public func options(for name: String) -> [String] { FluidSynthCalls.options(handle, name) }

    /// The audio drivers this FluidSynth was built with (alsa, pulseaudio, jack…).
    public var audioDrivers: [String] { options(for: "audio.driver") }

    static func parseInteger(_ text: String, toggle: Bool) -> Int? {
        if toggle {
            switch text.lowercased() {
            case "1", "yes", "on", "true": return 1
            case "0", "no", "off", "false": return 0
            default: return nil
            }
        }
        return Int(text)
    }
}

extension Double {
    /// Without a trailing ".0" for whole numbers.
    var formatted: String {
        self == rounded() && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}
