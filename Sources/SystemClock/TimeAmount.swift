// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A length of time in nanoseconds, signed, with saturating arithmetic.
///
/// Used for song positions (time since the start of the song) and for gaps
/// between instants; never for a point on the clock (`MonotonicInstant`).
public struct TimeAmount: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The processor time the calling thread has used so far.
    public static func processorTimeOfThisThread() -> Self { Self(nanoseconds: Syscalls.threadCPUTime()) }

    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static func nanoseconds(_ n: Int64) -> Self { Self(nanoseconds: n) }
    public static func microseconds(_ n: Int64) -> Self { Self(nanoseconds: saturatingProduct(n, 1_000)) }
    public static func milliseconds(_ n: Int64) -> Self { Self(nanoseconds: saturatingProduct(n, 1_000_000)) }

    /// Seconds, rounded to the nearest nanosecond and saturated. (A `Double`
    /// only, so that `.seconds(2)` is never ambiguous; it is exact to the
    /// nanosecond for the 104 days that 2^53 ns cover.)
    public static func seconds(_ s: Double) -> Self { Self(nanoseconds: saturatingNanoseconds(s * 1e9)) }

    public static let zero = Self(nanoseconds: 0)

    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func + (a: Self, b: Self) -> Self { Self(nanoseconds: saturatingSum(a.nanoseconds, b.nanoseconds)) }
    public static func - (a: Self, b: Self) -> Self { Self(nanoseconds: saturatingDifference(a.nanoseconds, b.nanoseconds)) }
    public static prefix func - (a: Self) -> Self { Self(nanoseconds: saturatingDifference(0, a.nanoseconds)) }
    public static func < (a: Self, b: Self) -> Bool { a.nanoseconds < b.nanoseconds }

    /// The wall time this much song takes when played at `rate` (2 = twice as fast, half as long).
    public func dividedBy(rate: Double) -> Self {
        precondition(rate > 0 && rate.isFinite, "a playback rate must be positive and finite")
        return rate == 1 ? self : Self(nanoseconds: saturatingNanoseconds(Double(nanoseconds) / rate))
    }

    /// The song time covered by this much wall time at `rate`.
    public func multipliedBy(rate: Double) -> Self {
        precondition(rate > 0 && rate.isFinite, "a playback rate must be positive and finite")
        return rate == 1 ? self : Self(nanoseconds: saturatingNanoseconds(Double(nanoseconds) * rate))
    }

    public var description: String {
        let size = nanoseconds.magnitude
        if size >= 1_000_000_000 { return "\(seconds)s" }
        if size >= 1_000_000 { return "\(Double(nanoseconds) / 1e6)ms" }
        if size >= 1_000 { return "\(Double(nanoseconds) / 1e3)µs" }
        return "\(nanoseconds)ns"
    }
}

func saturatingSum(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, overflow) = a.addingReportingOverflow(b)
    return overflow ? (b > 0 ? .max : .min) : r
}

func saturatingDifference(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, overflow) = a.subtractingReportingOverflow(b)
    return overflow ? (b < 0 ? .max : .min) : r
}

func saturatingProduct(_ a: Int64, _ b: Int64) -> Int64 {
    let (r, overflow) = a.multipliedReportingOverflow(by: b)
    return overflow ? ((a < 0) != (b < 0) ? .min : .max) : r
}

/// Rounds a nanosecond count held in a `Double` and clamps it to `Int64`.
func saturatingNanoseconds(_ ns: Double) -> Int64 {
    precondition(!ns.isNaN, "a time cannot be NaN")
    let r = ns.rounded()
    // 2^63 is exactly representable; anything at or past it saturates.
    if r >= 9_223_372_036_854_775_808.0 { return .max }
    if r <= -9_223_372_036_854_775_808.0 { return .min }
    return Int64(r)
}
