// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A point on CLOCK_MONOTONIC, in nanoseconds since the clock's origin (boot).
///
/// Only differences between instants mean anything; an instant is never
/// shown to a user nor compared with wall-clock time. Arithmetic saturates.
public struct MonotonicInstant: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    /// The clock's origin; a manual clock starts here.
    public static let origin = Self(nanoseconds: 0)
    /// Earlier than any instant a clock has shown: "from the beginning".
    public static let distantPast = Self(nanoseconds: .min)
    /// Later than any instant a clock will reach: "never".
    public static let distantFuture = Self(nanoseconds: .max)

    public static func + (a: Self, b: TimeAmount) -> Self { Self(nanoseconds: saturatingSum(a.nanoseconds, b.nanoseconds)) }
    public static func - (a: Self, b: TimeAmount) -> Self { Self(nanoseconds: saturatingDifference(a.nanoseconds, b.nanoseconds)) }
    /// The time from `b` to `a` (negative when `a` is earlier).
    public static func - (a: Self, b: Self) -> TimeAmount { TimeAmount(nanoseconds: saturatingDifference(a.nanoseconds, b.nanoseconds)) }
    public static func < (a: Self, b: Self) -> Bool { a.nanoseconds < b.nanoseconds }

    public var description: String { "monotonic \(nanoseconds)ns" }
}

extension MonotonicInstant {
    /// Now, on CLOCK_MONOTONIC: a vDSO call, no allocation, no lock (the audio
    /// thread may read it).
    public static func now() -> Self { Self(nanoseconds: Syscalls.monotonicNow()) }

    /// Sleeps until `deadline`, carrying on after signals; returns at once if it
    /// has passed. As precise as the kernel's wake-up, no more.
    public static func sleep(until deadline: Self) {
        Syscalls.sleepUntilMonotonic(deadline.nanoseconds)
    }
}
