// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The one definition of a percentile every bench prints: the nearest rank.
///
/// The p-th percentile of n sorted values is the smallest value that at
/// least p % of them do not exceed: the value at rank ⌈p/100 · n⌉ (counting
/// from 1). No interpolation, so it is always a value that was measured; the
/// 100th is the maximum and the 50th of an even count the lower middle one.
public enum Percentile {
    /// The `p`-th percentile (0–100) of `sorted` (ascending, not empty).
    public static func of<Value>(_ sorted: [Value], _ p: Double) -> Value {
        precondition(!sorted.isEmpty, "a percentile of nothing")
        precondition((0...100).contains(p), "a percentile is between 0 and 100")
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(sorted.count, max(1, rank)) - 1]
    }
}
