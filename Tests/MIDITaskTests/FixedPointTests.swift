// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
import BenchmarkData
@testable import MIDITask

@Suite struct FixedPointTests {
    func parse(_ text: String) -> FixedPoint.Result {
        Array(text.utf8).withUnsafeBufferPointer { FixedPoint.parse($0) }
    }

    @Test(arguments: [
        ("0", 0), ("1", 1_000_000_000), ("1.5", 1_500_000_000), ("-2.25", -2_250_000_000),
        ("0.036458333333333336", 36_458_333), ("7.911458333333333", 7_911_458_333),
        ("3.3333320000000004", 3_333_332_000), ("1e-9", 1), ("5e-10", 1), ("4.9e-10", 0),
        ("1E3", 1_000_000_000_000), ("2.5e+1", 25_000_000_000), ("  2.5\t", 2_500_000_000),
        ("+.5", 500_000_000), ("5.", 5_000_000_000), ("0e999999999", 0), ("1e-999999", 0),
        ("0.0000000015", 2), ("0.0000000014999999999999", 1), ("60.0", 60_000_000_000),
        ("9.2e9", 9_200_000_000_000_000_000), ("123456789012345678901234e-30", 123), ("12345678901234567890123456e-25", 1_234_567_890),
    ] as [(String, Int64)])
    func convertsExactly(_ text: String, _ expected: Int64) {
        #expect(parse(text) == .value(expected), "\(text)")
    }

    /// Found by the fuzzer (scripts/fuzz.sh): 19 significant digits divided by
    /// 10¹⁹ overflowed while rounding, and the trap killed the process.
    @Test(arguments: [
        ("0.0000000009999999999999999999", 1), ("0.0000000005000000000000000000", 1),
        ("0.0000000004999999999999999999", 0), ("9999999999999999999e-28", 1), ("-0.0000000009999999999999999999", -1),
    ] as [(String, Int64)])
    func roundsNineteenDigitsDividedByTenToTheNineteenth(_ text: String, _ expected: Int64) {
        #expect(parse(text) == .value(expected), "\(text)")
    }

    @Test(arguments: ["abc", "", "  ", "1e", "1.2.3", "--1", ".", "1x", "0x10", "e5", "1 2"])
    func rejectsWhatIsNotANumber(_ text: String) {
        #expect(parse(text) == .notANumber, "\(text)")
    }

    @Test(arguments: ["inf", "-Infinity", "NaN", "nan", "INF"])
    func namesNonFiniteValues(_ text: String) {
        #expect(parse(text) == .notFinite, "\(text)")
    }

    @Test(arguments: ["9.3e9", "1e300", "-1e999999", "99999999999999999999"])
    func reportsValuesTooLargeForNanoseconds(_ text: String) {
        guard case .outOfRange = parse(text) else {
            Issue.record("\(text) gave \(parse(text))")
            return
        }
    }

    /// Against Foundation's decimal arithmetic on generated numbers of the
    /// kind the API writes (up to 17 significant digits, exponents).
    @Test func agreesWithDecimalArithmeticOnGeneratedNumbers() {
        var rng = SplitMix(seed: 42)
        for _ in 0..<5_000 {
            let intPart = rng.next() % 100_000
            let fracDigits = Int(rng.next() % 18)
            var frac = ""
            for _ in 0..<fracDigits { frac += String(rng.next() % 10) }
            let exp = Int(rng.next() % 7) - 3
            let text = "\(intPart)" + (frac.isEmpty ? "" : ".\(frac)") + (exp == 0 ? "" : "e\(exp)")
            let decimal = Decimal(string: text)! * Decimal(sign: .plus, exponent: 9, significand: 1)
            var rounded = Decimal()
            var input = decimal
            NSDecimalRound(&rounded, &input, 0, .plain)
            let expected = Int64(truncating: NSDecimalNumber(decimal: rounded))
            #expect(parse(text) == .value(expected), "\(text)")
        }
    }
}
