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
}
