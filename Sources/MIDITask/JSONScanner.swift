// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A failure to scan JSON, at a byte offset of the input.
struct JSONScanError: Error {
    var offset: Int
    var reason: String
}

/// A raw JSON string's content: a byte range of the input, without quotes.
struct JSONStringToken {
    var start: Int
    var end: Int
    /// Whether the content holds backslash escapes (so bytes ≠ characters).
    var escaped: Bool
}

/// A pull scanner over JSON bytes, for decoders that know the schema they
/// walk: it hands out keys and value tokens without building a tree, so a
/// large task is read in one pass with no allocation per note.
///
/// The bytes must stay alive and unchanged while the scanner is used.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>
    var pos = 0
    private var depth = 0
    /// Deeper nesting than this is refused rather than risking the stack.
    static let maxDepth = 512

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        // A UTF-8 byte-order mark is tolerated, as editors write one.
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF { pos = 3 }
    }

    enum ValueKind { case object, array, string, number, literal, end }

    @inline(__always)
    mutating func skipWhitespace() {
        while pos < bytes.count {
            let c = bytes[pos]
            guard c == 0x20 || c == 0x0A || c == 0x0D || c == 0x09 else { return }
            pos += 1
        }
    }

    /// The kind of the value at the cursor, after skipping blanks.
    mutating func peekKind() -> ValueKind {
        skipWhitespace()
        guard pos < bytes.count else { return .end }
        switch bytes[pos] {
        case UInt8(ascii: "{"): return .object
        case UInt8(ascii: "["): return .array
        case UInt8(ascii: "\""): return .string
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return .number
        default: return .literal
        }
    }

    func fail(_ reason: String, at offset: Int? = nil) -> JSONScanError {
        JSONScanError(offset: offset ?? pos, reason: reason)
    }

    private func describeByte(at offset: Int) -> String {
        guard offset < bytes.count else { return "end of input" }
        let c = bytes[offset]
        if c >= 0x21 && c < 0x7F { return "'\(Character(Unicode.Scalar(c)))'" }
        return "byte 0x\(String(c, radix: 16, uppercase: true))"
    }

    mutating func expect(_ c: UInt8, _ what: String) throws(JSONScanError) {
        skipWhitespace()
        guard pos < bytes.count, bytes[pos] == c else {
            throw fail("expected \(what), found \(describeByte(at: pos))")
        }
        pos += 1
    }

    // MARK: Containers

    mutating func beginObject() throws(JSONScanError) {
        try expect(UInt8(ascii: "{"), "'{'")
        try enter()
    }

    mutating func beginArray() throws(JSONScanError) {
        try expect(UInt8(ascii: "["), "'['")
        try enter()
    }

    private mutating func enter() throws(JSONScanError) {
        depth += 1
        if depth > Self.maxDepth { throw fail("nesting deeper than \(Self.maxDepth) levels") }
    }

    /// The next member's key, with the cursor left on its value; nil after
    /// the closing brace. `first` must start true for each object.
    mutating func nextKey(first: inout Bool) throws(JSONScanError) -> JSONStringToken? {
        skipWhitespace()
        guard pos < bytes.count else { throw fail("unterminated object: expected '}' or a key") }
        if bytes[pos] == UInt8(ascii: "}") {
            pos += 1
            depth -= 1
            return nil
        }
        if !first {
            guard bytes[pos] == UInt8(ascii: ",") else {
                throw fail("expected ',' or '}' in object, found \(describeByte(at: pos))")
            }
            pos += 1
            skipWhitespace()
        }
        first = false
        guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else {
            throw fail("expected a string key in object, found \(describeByte(at: pos))")
        }
        let key = try scanString()
        try expect(UInt8(ascii: ":"), "':' after object key")
        skipWhitespace()
        return key
    }

    /// Whether another element follows in an array (cursor left on it);
    /// false after the closing bracket.
    mutating func nextElement(first: inout Bool) throws(JSONScanError) -> Bool {
        skipWhitespace()
        guard pos < bytes.count else { throw fail("unterminated array: expected ']' or a value") }
        if bytes[pos] == UInt8(ascii: "]") {
            pos += 1
            depth -= 1
            return false
        }
        if !first {
            guard bytes[pos] == UInt8(ascii: ",") else {
                throw fail("expected ',' or ']' in array, found \(describeByte(at: pos))")
            }
            pos += 1
            skipWhitespace()
        }
        first = false
        return true
    }

    // MARK: Scalars

    /// Scans a string at the cursor (which must be on its opening quote).
    mutating func scanString() throws(JSONScanError) -> JSONStringToken {
        let open = pos
        pos += 1
        let start = pos
        var escaped = false
        while pos < bytes.count {
            let c = bytes[pos]
            if c == UInt8(ascii: "\"") {
                pos += 1
                return JSONStringToken(start: start, end: pos - 1, escaped: escaped)
            }
            if c == UInt8(ascii: "\\") {
                escaped = true
                guard pos + 1 < bytes.count else { break }
                switch bytes[pos + 1] {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"),
                     UInt8(ascii: "f"), UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                    pos += 2
                case UInt8(ascii: "u"):
                    guard pos + 5 < bytes.count, (2...5).allSatisfy({ hexValue(bytes[pos + $0]) != nil }) else {
                        throw fail("invalid \\u escape in string")
                    }
                    pos += 6
                default:
                    throw fail("invalid escape '\\\(describeByte(at: pos + 1))' in string", at: pos)
                }
                continue
            }
            if c < 0x20 { throw fail("control character (byte 0x\(String(c, radix: 16))) inside a string") }
            pos += 1
        }
        throw fail("unterminated string", at: open)
    }

    /// Scans a number token in strict JSON grammar; returns its byte range.
    mutating func scanNumber() throws(JSONScanError) -> Range<Int> {
        let start = pos
        if pos < bytes.count, bytes[pos] == UInt8(ascii: "-") { pos += 1 }
        guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("invalid number") }
        if bytes[pos] == UInt8(ascii: "0") {
            pos += 1
        } else {
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] == UInt8(ascii: ".") {
            pos += 1
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("invalid number: no digit after '.'") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        if pos < bytes.count, bytes[pos] | 0x20 == UInt8(ascii: "e") {
            pos += 1
            if pos < bytes.count, bytes[pos] == UInt8(ascii: "+") || bytes[pos] == UInt8(ascii: "-") { pos += 1 }
            guard pos < bytes.count, isDigit(bytes[pos]) else { throw fail("invalid number: no digit in exponent") }
            while pos < bytes.count, isDigit(bytes[pos]) { pos += 1 }
        }
        return start..<pos
    }

    enum Literal { case `true`, `false`, null }

    mutating func scanLiteral() throws(JSONScanError) -> Literal {
        func matches(_ word: StaticString) -> Bool {
            let n = word.utf8CodeUnitCount
            guard pos + n <= bytes.count else { return false }
            for i in 0..<n where bytes[pos + i] != word.utf8Start[i] { return false }
            return true
        }
        if matches("true") { pos += 4; return .true }
        if matches("false") { pos += 5; return .false }
        if matches("null") { pos += 4; return .null }
        throw fail("unexpected \(describeByte(at: pos)): expected a JSON value")
    }

    /// Skips one whole value of any kind.
    mutating func skipValue() throws(JSONScanError) {
        switch peekKind() {
        case .object:
            try beginObject()
            var first = true
            while try nextKey(first: &first) != nil { try skipValue() }
        case .array:
            try beginArray()
            var first = true
            while try nextElement(first: &first) { try skipValue() }
        case .string: _ = try scanString()
        case .number: _ = try scanNumber()
        case .literal: _ = try scanLiteral()
        case .end: throw fail("unexpected end of input: expected a JSON value")
        }
    }

    /// Requires that nothing but blanks follows the top-level value.
    mutating func expectEnd() throws(JSONScanError) {
        skipWhitespace()
        if pos < bytes.count { throw fail("unexpected \(describeByte(at: pos)) after the end of the JSON value") }
    }

    // MARK: Token helpers

    /// Whether a string token's content is exactly `literal` (keys are ASCII).
    func equals(_ token: JSONStringToken, _ literal: StaticString) -> Bool {
        if token.escaped { return string(token) == literal.description }
        let n = literal.utf8CodeUnitCount
        guard token.end - token.start == n else { return false }
        let p = literal.utf8Start
        for i in 0..<n where bytes[token.start + i] != p[i] { return false }
        return true
    }

    /// A string token's content as a Swift string, escapes resolved.
    func string(_ token: JSONStringToken) -> String {
        let raw = UnsafeBufferPointer(rebasing: bytes[token.start..<token.end])
        guard token.escaped else { return String(decoding: raw, as: UTF8.self) }
        return String(decoding: unescape(raw), as: UTF8.self)
    }

    /// The content of a string token as bytes with escapes resolved.
    func unescape(_ raw: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var i = 0
        func hex4(_ at: Int) -> UInt32 {
            var v: UInt32 = 0
            for k in 0..<4 { v = v << 4 | UInt32(hexValue(raw[at + k]) ?? 0) }
            return v
        }
        while i < raw.count {
            let c = raw[i]
            guard c == UInt8(ascii: "\\"), i + 1 < raw.count else { out.append(c); i += 1; continue }
            let e = raw[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = hex4(i)
                i += 4
                // A high surrogate followed by an escaped low one makes one scalar.
                if (0xD800..<0xDC00).contains(scalar), i + 5 < raw.count,
                   raw[i] == UInt8(ascii: "\\"), raw[i + 1] == UInt8(ascii: "u") {
                    let low = hex4(i + 2)
                    if (0xDC00..<0xE000).contains(low) {
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        i += 6
                    }
                }
                let s = Unicode.Scalar(scalar) ?? "\u{FFFD}"
                out.append(contentsOf: String(s).utf8)
            default: out.append(e)
            }
        }
        return out
    }

    /// The raw text of the input between two offsets, shortened for messages.
    func excerpt(_ range: Range<Int>, limit: Int = 40) -> String {
        let clipped = range.lowerBound..<min(range.upperBound, range.lowerBound + limit)
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[clipped]), as: UTF8.self)
        return clipped.count < range.count ? text + "…" : text
    }

    /// 1-based line and column (in characters) of a byte offset.
    func lineAndColumn(of offset: Int) -> (line: Int, column: Int) {
        var line = 1
        var column = 1
        var i = 0
        let end = min(offset, bytes.count)
        while i < end {
            let c = bytes[i]
            if c == 0x0A {
                line += 1
                column = 1
            } else if c & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return (line, column)
    }
}

@inline(__always)
func isDigit(_ c: UInt8) -> Bool { c &- UInt8(ascii: "0") < 10 }

@inline(__always)
func hexValue(_ c: UInt8) -> UInt8? {
    switch c {
    case UInt8(ascii: "0")...UInt8(ascii: "9"): return c - UInt8(ascii: "0")
    case UInt8(ascii: "a")...UInt8(ascii: "f"): return c - UInt8(ascii: "a") + 10
    case UInt8(ascii: "A")...UInt8(ascii: "F"): return c - UInt8(ascii: "A") + 10
    default: return nil
    }
}
