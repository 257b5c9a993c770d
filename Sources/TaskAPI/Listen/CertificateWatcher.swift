// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ServiceLifecycle
import UnixSignals

/// Runs beside the server while it listens with TLS: checks the certificate
/// files every `interval`, and re-reads them on SIGHUP if asked to.
struct CertificateWatcher: Service {
    let reloader: TLSCertificateReloader
    let interval: Duration
    let reloadOnHangup: Bool

    func run() async throws {
        let reloader = reloader, interval = interval
        await withDiscardingTaskGroup { group in
            if reloadOnHangup {
                group.addTask {
                    let hangups = await UnixSignalsSequence(trapping: .sighup)
                    for await _ in hangups.cancelOnGracefulShutdown() { reloader.reload(because: "SIGHUP") }
                }
            }
            group.addTask {
                try? await cancelWhenGracefulShutdown {
                    while true {
                        try await Task.sleep(for: interval)
                        reloader.reloadIfChanged()
                    }
                }
            }
        }
    }
}
