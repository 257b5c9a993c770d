// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import NIOCore
import NIOSSL
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// The listener's certificate and key, re-read from their files when they
/// change or when asked (SIGHUP), so a renewal needs no restart.
///
/// Each TLS handshake takes whatever pair is current, so connections already
/// open keep theirs and the next one gets the new one. A pair that fails to
/// load (a half-written renewal, a key that does not match) leaves the old
/// pair in use and is logged; the files are tried again when they change.
public final class TLSCertificateReloader: Sendable {
    public let certificatePath: String
    public let keyPath: String
    private let log: @Sendable (String) -> Void
    private let state: Mutex<State>

    private struct State {
        var identity: TLSIdentity
        var stamp: FileStamp
    }

    /// Loads the pair, or throws an error that names the file at fault.
    public init(certificatePath: String, keyPath: String, log: @escaping @Sendable (String) -> Void) throws(TaskAPIError) {
        let stamp = FileStamp(certificatePath, keyPath)
        let identity = try TLSIdentity.load(certificatePath: certificatePath, keyPath: keyPath)
        self.certificatePath = certificatePath
        self.keyPath = keyPath
        self.log = log
        state = Mutex(State(identity: identity, stamp: stamp))
    }

    /// The current certificate's subject and expiry.
    public var summary: String { state.withLock { $0.identity.summary } }

    /// The server side of TLS: 1.2 or later, the certificate chosen per handshake.
    func serverConfiguration() -> TLSConfiguration {
        let identity = state.withLock { $0.identity }
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: identity.chain.map { .certificate($0) }, privateKey: .privateKey(identity.key))
        configuration.minimumTLSVersion = .tlsv12
        configuration.sslContextCallback = { [self] _, promise in
            let identity = state.withLock { $0.identity }
            var current = NIOSSLContextConfigurationOverride()
            current.certificateChain = identity.chain.map { .certificate($0) }
            current.privateKey = .privateKey(identity.key)
            promise.succeed(current)
        }
        return configuration
    }

    /// Re-reads the pair if either file changed since the last attempt.
    public func reloadIfChanged() {
        let stamp = FileStamp(certificatePath, keyPath)
        guard state.withLock({ $0.stamp != stamp }) else { return }
        reload(because: "its files changed", stamp: stamp)
    }

    /// Re-reads the pair now (on SIGHUP).
    public func reload(because reason: String) {
        reload(because: reason, stamp: FileStamp(certificatePath, keyPath))
    }

    private func reload(because reason: String, stamp: FileStamp) {
        do {
            let identity = try TLSIdentity.load(certificatePath: certificatePath, keyPath: keyPath)
            state.withLock { $0 = State(identity: identity, stamp: stamp) }
            log(LogPriority.notice.prefix + "TLS certificate re-read (\(reason)): \(identity.summary)")
        } catch {
            // Remembered, so a broken pair is reported once per change, not at every check.
            state.withLock { $0.stamp = stamp }
            log(LogPriority.error.prefix + "TLS certificate not re-read (\(reason)), the previous one stays in use: \(error)")
        }
    }
}

/// What identifies a version of the certificate and key files: device,
/// inode, size and modification time of each (following symlinks, as
/// certbot's live/ folder is made of them).
struct FileStamp: Equatable, Sendable {
    private var parts: [Int64] = []

    init(_ paths: String...) {
        for path in paths {
            var st = stat()
            if stat(path, &st) == 0 {
                parts += [Int64(st.st_dev), Int64(st.st_ino), Int64(st.st_size), Int64(st.st_mtim.tv_sec), Int64(st.st_mtim.tv_nsec)]
            } else {
                parts += [-1, Int64(errno), 0, 0, 0]
            }
        }
    }
}
