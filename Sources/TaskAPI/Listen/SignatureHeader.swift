// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The MAC bytes an `X-Signature` header carries, in whichever text encoding
/// the sender chose: providers differ, and a signature refused for its
/// encoding loses the callback for good once the API's retries run out.
///
/// Accepted, with or without a `sha256=` prefix (any case):
/// - hex, either case (64 characters for SHA-256);
/// - base64, standard (`+/`) or URL-safe (`-_`) alphabet, padded or not
///   (44 or 43 characters). One header must keep to one alphabet.
///
/// Only the header is parsed here, which the sender controls anyway; the
/// comparison with the expected MAC is the caller's, in constant time.
enum SignatureHeader {
    static func mac(_ header: String, length: Int) -> [UInt8]? {
        var text = Substring(header)
        while text.first == " " || text.first == "\t" { text.removeFirst() }
        while text.last == " " || text.last == "\t" { text.removeLast() }
        if text.prefix(7).lowercased() == "sha256=" { text.removeFirst(7) }
        let characters = Array(text.utf8)
        let bytes = characters.count == length * 2 ? hex(characters) : base64(characters)
        guard let bytes, bytes.count == length else { return nil }
        return bytes
    }

    private static func hex(_ digits: [UInt8]) -> [UInt8]? {
        guard digits.count % 2 == 0 else { return nil }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(digits.count / 2)
        var i = 0
        while i < digits.count {
            guard let hi = nibble(digits[i]), let lo = nibble(digits[i + 1]) else { return nil }
            bytes.append(hi << 4 | lo)
            i += 2
        }
        return bytes
    }

    private static func nibble(_ c: UInt8) -> UInt8? {
        switch c {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): c - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): c - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): c - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    private enum Alphabet { case standard, urlSafe }

    private static func base64(_ text: [UInt8]) -> [UInt8]? {
        var characters = text[...]
        // Padding only at the end, at most two, and only to a multiple of 4.
        var padding = 0
        while characters.last == UInt8(ascii: "=") { characters.removeLast(); padding += 1 }
        if padding > 0 && (padding > 2 || text.count % 4 != 0) { return nil }
        // One leftover character cannot hold a whole byte.
        guard characters.count % 4 != 1 else { return nil }
        var alphabet: Alphabet?
        var bytes: [UInt8] = []
        bytes.reserveCapacity(characters.count * 3 / 4)
        var buffer: UInt32 = 0
        var bits = 0
        for c in characters {
            guard let decoded = sextet(c) else { return nil }
            let (value, used) = decoded
            if let used {
                if let alphabet, alphabet != used { return nil }
                alphabet = used
            }
            buffer = buffer << 6 | UInt32(value)
            bits += 6
            if bits >= 8 {
                bits -= 8
                bytes.append(UInt8(truncatingIfNeeded: buffer >> UInt32(bits)))
            }
        }
        // Leftover bits must be zero, so each MAC has one spelling only.
        guard buffer & ((1 << UInt32(bits)) - 1) == 0 else { return nil }
        return bytes
    }

    /// The value of one base64 character, and the alphabet it belongs to
    /// when only one has it.
    private static func sextet(_ c: UInt8) -> (UInt8, Alphabet?)? {
        switch c {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): (c - UInt8(ascii: "A"), nil)
        case UInt8(ascii: "a")...UInt8(ascii: "z"): (c - UInt8(ascii: "a") + 26, nil)
        case UInt8(ascii: "0")...UInt8(ascii: "9"): (c - UInt8(ascii: "0") + 52, nil)
        case UInt8(ascii: "+"): (62, .standard)
        case UInt8(ascii: "/"): (63, .standard)
        case UInt8(ascii: "-"): (62, .urlSafe)
        case UInt8(ascii: "_"): (63, .urlSafe)
        default: nil
        }
    }
}
