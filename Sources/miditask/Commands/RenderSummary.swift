// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CommandLineSupport
import FluidSynthOutput
import FoundationEssentials
import Glibc

/// The line `render` ends with: length, rate, format, and what became of
/// the level (peak in dBFS, samples clipped, gain when normalized).
struct RenderSummary {
    var file: RenderFile
    var result: RenderResult

    var text: String {
        var parts = [Columns.clock(result.seconds), "\(result.sampleRate) Hz"]
        let stored = file.sampleFormat ?? file.format.defaultSampleFormat
        parts.append((stored.map { $0.displayName + " " } ?? "") + "stereo " + file.format.displayName)
        parts.append("peak " + Self.decibels(result.level.peakDBFS) + " dBFS")
        if result.gain != 1 { parts.append("normalized by " + Self.decibels(20 * log10(Double(result.gain))) + " dB") }
        if result.clippedSamples > 0 {
            parts.append("\(result.clippedSamples) sample\(result.clippedSamples == 1 ? "" : "s") clipped"
                + " (--normalize or a lower --gain avoids it)")
        } else if result.level.overFullScale > 0 {
            parts.append("\(result.level.overFullScale) past full scale, kept in float")
        } else {
            parts.append("none clipped")
        }
        return parts.joined(separator: ", ")
    }

    /// "-3.2", "+1.0", "-inf".
    static func decibels(_ value: Double) -> String {
        guard value.isFinite else { return value < 0 ? "-inf" : "+inf" }
        return String(cFormat: "%+.1f", value)
    }
}
