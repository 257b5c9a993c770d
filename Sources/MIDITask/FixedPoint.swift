// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Exact decimal-to-fixed-point conversion: turns a number's text into an
/// integer count of 10⁻⁹ units (nanoseconds for a time in seconds), rounding
/// half up, without going through a binary floating-point value.
enum FixedPoint {
    enum Result: Equatable {
        case value(Int64)
        case notANumber
        case notFinite
        case outOfRange(negative: Bool)
    }

    /// The number of units in one: values are stored as `x × scale`.
    static let scale: Int64 = 1_000_000_000

    /// Parses `text` (a JSON number token, or the content of a JSON string
    /// holding one: surrounding blanks, a leading `+`, and `.5` / `5.` allowed).
    ///
    /// One pass: up to 19 significant digits go into an integer mantissa
    /// while the position of the point is counted; the result is then one
    /// exact multiplication or one rounded division by a power of ten.
    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Result {
        var lo = 0
        var hi = text.count
        while lo < hi, isBlank(text[lo]) { lo += 1 }
        while hi > lo, isBlank(text[hi - 1]) { hi -= 1 }
        guard lo < hi else { return .notANumber }

        var negative = false
        if text[lo] == UInt8(ascii: "-") || text[lo] == UInt8(ascii: "+") {
            negative = text[lo] == UInt8(ascii: "-")
            lo += 1
        }
        if lo < hi, text[lo] > UInt8(ascii: "9"), isNonFiniteWord(text, lo, hi) { return .notFinite }

        var mantissa: UInt64 = 0
        var kept = 0            // significant digits in the mantissa
        var pointShift = 0      // power of ten the mantissa must be scaled by
        var sawDigit = false
        var firstDropped: UInt8 = 0
        var anyDropped = false

        @inline(__always) func take(_ d: UInt8, fraction: Bool) {
            sawDigit = true
            if kept < 19 {
                if mantissa != 0 || d != 0 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    kept += 1
                }
                if fraction { pointShift -= 1 }
            } else {
                if !anyDropped { firstDropped = d; anyDropped = true }
                if !fraction { pointShift += 1 }
            }
        }

        while lo < hi, isDigit(text[lo]) {
            take(text[lo] &- UInt8(ascii: "0"), fraction: false)
            lo += 1
        }
        if lo < hi, text[lo] == UInt8(ascii: ".") {
            lo += 1
            while lo < hi, isDigit(text[lo]) {
                take(text[lo] &- UInt8(ascii: "0"), fraction: true)
                lo += 1
            }
        }
        guard sawDigit else { return .notANumber }

        var exponent = 0
        if lo < hi, text[lo] | 0x20 == UInt8(ascii: "e") {
            lo += 1
            var expNegative = false
            if lo < hi, text[lo] == UInt8(ascii: "-") || text[lo] == UInt8(ascii: "+") {
                expNegative = text[lo] == UInt8(ascii: "-")
                lo += 1
            }
            guard lo < hi, isDigit(text[lo]) else { return .notANumber }
            while lo < hi, isDigit(text[lo]) {
                // Past a million the answer is 0 or out of range either way.
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(text[lo] &- UInt8(ascii: "0")) }
                lo += 1
            }
            if expNegative { exponent = -exponent }
        }
        guard lo == hi else { return .notANumber }
        guard mantissa != 0 else { return .value(0) }

        // value × 10⁹ = (mantissa + δ) × 10^power, δ ∈ [0, 1) from dropped digits.
        let power = pointShift + exponent + 9
        var result: UInt64
        if power >= 0 {
            guard power <= 19 else { return .outOfRange(negative: negative) }
            let (product, overflow) = mantissa.multipliedReportingOverflow(by: powersOfTen[power])
            guard !overflow else { return .outOfRange(negative: negative) }
            result = product
            // Only at power 0 can δ be a fraction of a unit worth rounding.
            if power == 0, anyDropped, firstDropped >= 5 { result &+= 1 }
        } else if -power <= 19 {
            // Half up: round when r + δ ≥ divisor / 2. The divisor is an even
            // power of ten, so δ < 1 never tips it: r ≥ divisor / 2 decides.
            // (Not 2r ≥ divisor: with 19 digits and divisor 10¹⁹, 2r overflows.)
            let divisor = powersOfTen[-power]
            result = mantissa / divisor
            if mantissa % divisor >= divisor / 2 { result += 1 }
        } else {
            return .value(0)
        }
        guard result <= UInt64(Int64.max) else { return .outOfRange(negative: negative) }
        return .value(negative ? -Int64(result) : Int64(result))
    }

    private static let powersOfTen: [UInt64] = (0...19).map { n in (0..<n).reduce(UInt64(1)) { a, _ in a * 10 } }

    @inline(__always) private static func isBlank(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    /// "inf", "infinity" and "nan" in any case: the spellings that other
    /// parsers accept for non-finite values, so they get a precise message.
    private static func isNonFiniteWord(_ text: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        let count = hi - lo
        func matches(_ word: StaticString) -> Bool {
            guard word.utf8CodeUnitCount == count else { return false }
            for i in 0..<count where text[lo + i] | 0x20 != word.utf8Start[i] { return false }
            return true
        }
        return matches("inf") || matches("nan") || matches("infinity")
    }
}
