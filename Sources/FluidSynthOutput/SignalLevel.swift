// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#endif

/// The loudest sample written and how many went past full scale.
///
/// Full scale is ±1. Counts are of samples, not frames: a stereo frame too
/// loud on both sides counts twice.
public struct SignalLevel: Sendable, Equatable {
    /// The largest magnitude seen, 1 being full scale.
    public var peak: Float = 0
    /// Samples whose magnitude was above 1.
    public var overFullScale: Int = 0

    public init(peak: Float = 0, overFullScale: Int = 0) {
        self.peak = peak
        self.overFullScale = overFullScale
    }

    /// The peak in dB relative to full scale; −∞ for silence.
    public var peakDBFS: Double { peak > 0 ? 20 * log10(Double(peak)) : -.infinity }

    /// The factor that brings the peak to `dBFS` (1 for silence, which
    /// no gain makes louder).
    public func gain(toPeak dBFS: Double) -> Float {
        peak > 0 ? Float(pow(10, dBFS / 20) / Double(peak)) : 1
    }

    mutating func measure(_ samples: UnsafeBufferPointer<Float>) {
        var loudest = peak
        var over = 0
        for x in samples {
            let m = abs(x)
            if m > loudest { loudest = m }
            if m > 1 { over += 1 }
        }
        peak = loudest
        overFullScale += over
    }
}
