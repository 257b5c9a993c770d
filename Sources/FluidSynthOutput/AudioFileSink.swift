// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Where rendered audio goes: interleaved stereo float frames, in order,
/// ±1 being full scale.
protocol AudioFileSink: AnyObject {
    /// Appends frames; `samples` holds 2 values (left, right) per frame.
    func write(_ samples: UnsafeBufferPointer<Float>) throws(RenderError)
    /// Completes the file (header sizes, encoder flush) and closes it.
    func finish() throws(RenderError)
}

/// A sink that keeps nothing: it only measures, for a first pass that
/// finds the peak before `--normalize` writes.
final class LevelMeter: AudioFileSink {
    private(set) var level = SignalLevel()

    func write(_ samples: UnsafeBufferPointer<Float>) throws(RenderError) { level.measure(samples) }
    func finish() throws(RenderError) {}
}
