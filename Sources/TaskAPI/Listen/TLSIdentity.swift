// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
#if canImport(Glibc)
import Glibc
#endif
import NIOSSL
import X509

/// A certificate chain and its private key, read from PEM files and checked
/// to belong together, for the listener's HTTPS.
struct TLSIdentity: Sendable {
    let chain: [NIOSSLCertificate]
    let key: NIOSSLPrivateKey
    /// The leaf's subject and expiry, for the log.
    let summary: String

    /// Reads `certificatePath` (the leaf first, then any intermediates) and
    /// `keyPath` (unencrypted PKCS#8, SEC1 or PKCS#1). Each failure names the
    /// file and what is wrong with it: missing, unreadable, not PEM, or a key
    /// that does not match the certificate.
    static func load(certificatePath: String, keyPath: String) throws(TaskAPIError) -> TLSIdentity {
        let certificateText = try readText(certificatePath, option: "--tls-cert")
        let keyText = try readText(keyPath, option: "--tls-key")
        let leaf: Certificate
        let chain: [NIOSSLCertificate]
        do {
            chain = try NIOSSLCertificate.fromPEMBytes(Array(certificateText.utf8))
            guard let first = firstPEMBlock(certificateText, label: "CERTIFICATE") else { throw CertificateError.empty }
            leaf = try Certificate(pemEncoded: first)
        } catch {
            throw .configuration("--tls-cert \(certificatePath) holds no readable PEM certificate")
        }
        guard !chain.isEmpty else { throw .configuration("--tls-cert \(certificatePath) holds no PEM certificate") }
        let privateKey: Certificate.PrivateKey
        let key: NIOSSLPrivateKey
        do {
            privateKey = try Certificate.PrivateKey(pemEncoded: keyText)
            key = try NIOSSLPrivateKey(bytes: Array(keyText.utf8), format: .pem)
        } catch {
            throw .configuration("--tls-key \(keyPath) holds no readable unencrypted PEM private key")
        }
        guard privateKey.publicKey == leaf.publicKey else {
            throw .configuration("--tls-key \(keyPath) does not match the certificate in --tls-cert \(certificatePath)")
        }
        let expiry = ISO8601DateFormatter().string(from: leaf.notValidAfter)
        return TLSIdentity(chain: chain, key: key, summary: "\(leaf.subject), valid until \(expiry)")
    }

    private enum CertificateError: Error { case empty }

    private static func readText(_ path: String, option: String) throws(TaskAPIError) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw .configuration("\(option) \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16 * 1024)
        while true {
            let n = read(fd, &chunk, chunk.count)
            if n < 0 {
                if errno == EINTR { continue }
                throw .configuration("\(option) \(path): \(String(cString: strerror(errno)))")
            }
            if n == 0 { break }
            bytes += chunk[..<n]
            // Certificates and keys are a few KB; a huge file is a mistake.
            guard bytes.count <= 1 << 20 else { throw .configuration("\(option) \(path) is over 1 MiB: not a PEM file") }
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The first `-----BEGIN label-----` … `-----END label-----` block.
    private static func firstPEMBlock(_ text: String, label: String) -> String? {
        guard let begin = text.range(of: "-----BEGIN \(label)-----"),
              let end = text.range(of: "-----END \(label)-----", range: begin.upperBound..<text.endIndex)
        else { return nil }
        return String(text[begin.lowerBound..<end.upperBound])
    }
}
