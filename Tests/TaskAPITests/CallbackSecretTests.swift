// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
@testable import TaskAPI

@Suite struct CallbackSecretTests {
    let secret = CallbackSecret(Array("s3cret".utf8))
    let body = Array(#"{"task_id":"a"}"#.utf8)

    @Test func signatureIsHexHMACSHA256OfTheBody() {
        // Computed independently: printf '%s' '{"task_id":"a"}' | openssl dgst -sha256 -hmac s3cret
        #expect(secret.signature(of: body) == HMACReference.value)
    }

    @Test func rightSignatureIsAcceptedInAnyCaseWithOrWithoutPrefix() {
        let hex = secret.signature(of: body)
        #expect(secret.verify(hex, body: body))
        #expect(secret.verify(hex.uppercased(), body: body))
        #expect(secret.verify("sha256=" + hex, body: body))
    }

    @Test func missingWrongOrMalformedSignatureIsRefused() {
        let hex = secret.signature(of: body)
        #expect(!secret.verify(nil, body: body))
        #expect(!secret.verify("", body: body))
        #expect(!secret.verify(String(hex.dropLast()) + (hex.last == "0" ? "1" : "0"), body: body))
        #expect(!secret.verify(String(hex.dropLast(2)), body: body))
        #expect(!secret.verify("zz" + hex.dropFirst(2), body: body))
        #expect(!secret.verify(hex, body: body + [0x20]))
    }

    @Test func base64SignatureIsAcceptedStandardOrURLSafePaddedOrNot() {
        #expect(secret.verify(HMACReference.base64, body: body))
        #expect(secret.verify(String(HMACReference.base64.dropLast()), body: body))
        #expect(secret.verify(HMACReference.base64URL, body: body))
        #expect(secret.verify(String(HMACReference.base64URL.dropLast()), body: body))
        #expect(secret.verify("sha256=" + HMACReference.base64, body: body))
        #expect(secret.verify("SHA256=" + HMACReference.base64URL, body: body))
    }

    @Test func base64OfAnotherBodyIsRefused() {
        let other = Array(#"{"task_id":"b"}"#.utf8)
        #expect(secret.verify(HMACReference.base64, body: body))
        #expect(!secret.verify(HMACReference.base64, body: other))
        #expect(!secret.verify(HMACReference.base64URL, body: other))
        // One character changed: still decodes, to the wrong MAC.
        let changed = "G" + HMACReference.base64.dropFirst()
        #expect(!secret.verify(changed, body: body))
    }

    @Test func truncatedBase64IsRefused() {
        let standard = HMACReference.base64
        #expect(!secret.verify(String(standard.dropLast(2)), body: body))
        #expect(!secret.verify(String(standard.dropLast(4)), body: body))
        #expect(!secret.verify(String(standard.dropLast(5)) + "=", body: body))
        #expect(!secret.verify(String(standard.prefix(22)), body: body))
    }

    @Test func garbledBase64IsRefused() {
        let standard = HMACReference.base64
        // Alphabets mixed in one header.
        let mixed = standard.replacingOccurrences(of: "/", with: "_")
        #expect(mixed != standard && mixed.contains("+"))
        #expect(!secret.verify(mixed, body: body))
        // Characters outside both alphabets, padding in the middle or too much of it.
        #expect(!secret.verify(standard.replacingOccurrences(of: "+", with: "."), body: body))
        #expect(!secret.verify(String(standard.prefix(20)) + "=" + standard.dropFirst(21), body: body))
        #expect(!secret.verify(standard + "=", body: body))
        #expect(!secret.verify(standard + "==", body: body))
        #expect(!secret.verify("sha256=sha256=" + standard, body: body))
        // The last character holds 2 spare bits, which must be zero: "t"
        // decodes to the same 32 bytes as "s" but is no canonical spelling.
        #expect(!secret.verify(String(standard.dropLast(2)) + "t=", body: body))
        #expect(!secret.verify(String(repeating: "=", count: 44), body: body))
        #expect(!secret.verify("not a signature at all", body: body))
    }

    @Test func hexOrBase64OfTheRightLengthButNotTheMACIsRefused() {
        #expect(!secret.verify(String(repeating: "0", count: 64), body: body))
        #expect(!secret.verify(String(repeating: "A", count: 43), body: body))
        #expect(!secret.verify(String(repeating: "A", count: 43) + "=", body: body))
    }

    @Test func secretFileOpenToOthersIsRefused() throws {
        let path = temporaryDirectory() + "/secret"
        try "abc\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0o644)
        #expect(throws: TaskAPIError.self) { try CallbackSecret.load(secretFile: path, environment: [:]) }
        chmod(path, 0o600)
        let loaded = try #require(try CallbackSecret.load(secretFile: path, environment: [:]))
        #expect(loaded.signature(of: body) == CallbackSecret(Array("abc".utf8)).signature(of: body))
    }
}

/// The reference signature, computed outside Swift.
enum HMACReference {
    static let value = "174a2d42747528647fabc001809ae4b8035c4b1051f8a3d5dcb43454b12575cb"
    // The same 32 bytes, from Python's base64.b64encode and urlsafe_b64encode.
    static let base64 = "F0otQnR1KGR/q8ABgJrkuANcSxBR+KPV3LQ0VLEldcs="
    static let base64URL = "F0otQnR1KGR_q8ABgJrkuANcSxBR-KPV3LQ0VLEldcs="
}
