// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Crypto
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The secret shared with the API that signs callbacks:
/// `X-Signature` = HMAC-SHA256 of the raw body, in hex or base64.
public struct CallbackSecret: Sendable {
    // The bytes, not a SymmetricKey: that type is not Sendable here, and
    // making one per request costs next to nothing.
    private let bytes: [UInt8]

    public init(_ bytes: [UInt8]) {
        precondition(!bytes.isEmpty, "an empty secret signs nothing")
        self.bytes = bytes
    }

    private var key: SymmetricKey { SymmetricKey(data: bytes) }

    /// The secret from `--secret-file` or `$MIDITASK_CALLBACK_SECRET`, or nil
    /// if neither is set. A file must not be open to group or others; one
    /// trailing newline is not part of the secret.
    public static func load(secretFile: String?, environment: [String: String]) throws(TaskAPIError) -> CallbackSecret? {
        if let path = secretFile {
            var st = stat()
            guard stat(path, &st) == 0 else {
                throw .configuration("--secret-file \(path): \(String(cString: strerror(errno)))")
            }
            if st.st_mode & 0o077 != 0 {
                throw .configuration("--secret-file \(path) is open to group or others (mode "
                    + "\(String(st.st_mode & 0o777, radix: 8))); run: chmod 600 \(path)")
            }
            guard var bytes = FileManager.default.contents(atPath: path).map({ [UInt8]($0) }) else {
                throw .configuration("--secret-file \(path): cannot read it")
            }
            if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
            if bytes.last == UInt8(ascii: "\r") { bytes.removeLast() }
            guard !bytes.isEmpty else { throw .configuration("--secret-file \(path) is empty") }
            return CallbackSecret(bytes)
        }
        if let text = environment["MIDITASK_CALLBACK_SECRET"], !text.isEmpty {
            return CallbackSecret(Array(text.utf8))
        }
        return nil
    }

    /// The signature of `body`, as the API sends it (lowercase hex).
    public func signature(of body: [UInt8]) -> String {
        HMAC<SHA256>.authenticationCode(for: body, using: key).map { String(format: "%02x", $0) }.joined()
    }

    /// Whether `header` is the signature of `body`: hex or base64 (see
    /// `SignatureHeader`), with or without a `sha256=` prefix. The MAC is
    /// compared in constant time, whatever the encoding.
    public func verify(_ header: String?, body: [UInt8]) -> Bool {
        guard let header, let mac = SignatureHeader.mac(header, length: SHA256.byteCount) else { return false }
        return HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: body, using: key)
    }
}
