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

    /// Parses `text` (a JSON number token, or the content of a JSON string
    /// holding one: surrounding blanks, a leading `+`, and `.5` / `5.` allowed).
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
        if isNonFiniteWord(text, lo, hi) { return .notFinite }

        let intStart = lo
        while lo < hi, isDigit(text[lo]) { lo += 1 }
        let intEnd = lo
        var fracStart = lo
        var fracEnd = lo
        if lo < hi, text[lo] == UInt8(ascii: ".") {
            lo += 1
            fracStart = lo
            while lo < hi, isDigit(text[lo]) { lo += 1 }
            fracEnd = lo
        }
        let intCount = intEnd - intStart
        let fracCount = fracEnd - fracStart
        guard intCount + fracCount > 0 else { return .notANumber }

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
                if exponent < 1_000_000 { exponent = exponent * 10 + Int(text[lo] - UInt8(ascii: "0")) }
                lo += 1
            }
            if expNegative { exponent = -exponent }
        }
        guard lo == hi else { return .notANumber }

        // Digit k of the int-then-fraction sequence, skipping the point.
        @inline(__always) func digit(_ k: Int) -> Int64 {
            Int64(text[k < intCount ? intStart + k : fracStart + (k - intCount)] &- UInt8(ascii: "0"))
        }
        let total = intCount + fracCount
        var k = 0
        while k < total, digit(k) == 0 { k += 1 }
        guard k < total else { return .value(0) }

        // Power of ten, in 10⁻⁹ units, of the first significant digit.
        var place = intCount - 1 - k + exponent + 9
        if place > 18 { return .outOfRange(negative: negative) }
        var acc: Int64 = 0
        while k < total, place >= 0 {
            let (times10, o1) = acc.multipliedReportingOverflow(by: 10)
            let (sum, o2) = times10.addingReportingOverflow(digit(k))
            if o1 || o2 { return .outOfRange(negative: negative) }
            acc = sum
            k += 1
            place -= 1
        }
        if place >= 0 {
            // Digits ran out above the units place: scale up.
            for _ in 0...place {
                let (times10, o) = acc.multipliedReportingOverflow(by: 10)
                if o { return .outOfRange(negative: negative) }
                acc = times10
            }
        } else if place == -1, k < total, digit(k) >= 5 {
            acc += 1
        }
        return .value(negative ? -acc : acc)
    }

    /// The number of units in one: values are stored as `x × scale`.
    static let scale: Int64 = 1_000_000_000

    @inline(__always) private static func isBlank(_ c: UInt8) -> Bool {
        c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D
    }

    /// "inf", "infinity" and "nan" in any case: the spellings that other
    /// parsers accept for non-finite values, so they get a precise message.
    private static func isNonFiniteWord(_ text: UnsafeBufferPointer<UInt8>, _ lo: Int, _ hi: Int) -> Bool {
        let count = hi - lo
        guard count == 3 || count == 8 else { return false }
        var word = ""
        for i in lo..<hi { word.unicodeScalars.append(Unicode.Scalar(text[i] | 0x20)) }
        return word == "inf" || word == "nan" || word == "infinity"
    }
}
