// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Foundation
import TaskAPI

struct Listen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Receive the API's task callbacks over HTTP or HTTPS and store them in the local library.",
        discussion: """
            With a shared secret (MIDITASK_CALLBACK_SECRET or --secret-file), a callback must carry \
            X-Signature = HMAC-SHA256 of its body, in hex or base64, or it is refused with 401.

            The listener can face the internet. A request's head must arrive within --header-timeout, \
            its body at --min-body-rate on average (after a 3 s grace), and the whole within \
            --request-timeout, or its connection is closed. At --max-connections, or at \
            --max-incomplete-per-peer connections of one address still sending, the connection whose \
            request has been incomplete longest is closed to make room; one whose request arrived \
            whole is never closed for another.

            With --tls-cert and --tls-key it serves HTTPS (TLS 1.2 or later). The files are checked \
            every 30 s and re-read on SIGHUP; connections already open keep their certificate.

            GET /healthz answers {"status":"ok"}. Under systemd (JOURNAL_STREAM), log lines carry \
            journald's <N> priority prefixes.
            """)

    @Option(help: "The address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "The port to listen on (0 picks a free one).")
    var port = 8080

    @Option(help: "The URL path callbacks are POSTed to.")
    var path = "/callback"

    @Option(help: "A file holding the callback signing secret (mode 0600).")
    var secretFile: String?

    @Option(help: "The largest callback body accepted, in MiB.")
    var maxBodyMib = 64

    @Option(help: "Seconds a request may take to arrive whole before its connection is closed.")
    var requestTimeout: Double = 15

    @Option(help: "Seconds a request's head (and the TLS handshake) may take.")
    var headerTimeout: Double = 5

    @Option(help: "The least average body rate in KiB/s, after a 3 s grace (0: none).")
    var minBodyRate = 8

    @Option(help: "Connections open at once; at the cap the longest-incomplete one makes room.")
    var maxConnections = 512

    @Option(help: "Connections of one address still sending their request; one more replaces its oldest.")
    var maxIncompletePerPeer = 64

    @Option(help: "A PEM certificate (chain) to serve HTTPS with; needs --tls-key.")
    var tlsCert: String?

    @Option(help: "The PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "What to do with each newly complete task: render, export or play.")
    var onComplete: OnCompleteAction?

    @Option(help: "Where --on-complete export/render write their files.")
    var outputDir: String?

    @OptionGroup(title: "Bounding --on-complete render and play") var lengthLimit: LengthLimitOption

    @Option(help: "The task library folder (default: $MIDITASK_LIBRARY or $XDG_DATA_HOME/miditask).")
    var library: String?

    @Flag(help: "Log every callback.")
    var verbose = false

    func validate() throws {
        guard path.hasPrefix("/") else { throw ValidationError("--path must start with /") }
        guard path != "/healthz" else { throw ValidationError("--path /healthz is the health check's") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
        guard maxBodyMib >= 1 && maxBodyMib <= 4096 else { throw ValidationError("--max-body-mib must be 1–4096") }
        guard requestTimeout.isFinite, requestTimeout >= 0.1, requestTimeout <= 3600 else {
            throw ValidationError("--request-timeout must be 0.1–3600 seconds")
        }
        guard headerTimeout.isFinite, headerTimeout >= 0.1, headerTimeout <= 3600 else {
            throw ValidationError("--header-timeout must be 0.1–3600 seconds")
        }
        guard (0...1_048_576).contains(minBodyRate) else { throw ValidationError("--min-body-rate must be 0–1048576 KiB/s") }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        guard maxIncompletePerPeer >= 1 else { throw ValidationError("--max-incomplete-per-peer must be at least 1") }
        // Each connection holds a file descriptor; the library and the
        // runtime need some of their own. `run` raises the soft limit to the
        // hard one first, so that is what counts.
        let descriptors = OpenFileLimit.raiseToHardLimit()
        guard descriptors == Int.max || maxConnections <= descriptors - 64 else {
            throw ValidationError("--max-connections \(maxConnections) needs more open files than allowed "
                + "(ulimit -n is \(descriptors)); lower it to \(max(1, descriptors - 64)) or raise ulimit -n")
        }
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("--tls-cert and --tls-key go together")
        }
        if let onComplete, onComplete != .play, outputDir == nil {
            throw ValidationError("--on-complete \(onComplete.rawValue) needs --output-dir")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let lines = LogLine.forStandardError(environment: environment)
        let log: @Sendable (String) -> Void = { printError(lines.format($0)) }
        let secret = try CallbackSecret.load(secretFile: secretFile, environment: environment)
        // Before anything listens: a missing, unreadable or mismatched pair stops here.
        let tls = try tlsCert.map { try TLSCertificateReloader(certificatePath: $0, keyPath: tlsKey!, log: log) }
        let store = try TaskLibrary(directory: LibraryLocation.resolve(option: library, environment: environment))
        var runner: OnCompleteRunner?
        if let onComplete {
            let output = outputDir ?? FileManager.default.currentDirectoryPath
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            // The playback program, beside this one, plays and renders.
            let executable = Companion.path(of: Companion.playback)
            runner = OnCompleteRunner(
                .init(action: onComplete, executable: executable,
                      outputDirectory: URL(fileURLWithPath: output).standardizedFileURL.path,
                      maxDuration: lengthLimit.maxDuration.text),
                library: store, log: log)
        }
        let intake = CallbackIntake(
            library: store, secret: secret, rejected: RejectedBodies(libraryDirectory: store.directory),
            onComplete: runner, log: log, logEveryDelivery: verbose)
        var server = CallbackServer.Configuration()
        server.host = host
        server.port = port
        server.path = path
        server.maxBodyBytes = maxBodyMib * 1024 * 1024
        server.requestTimeout = .milliseconds(Int64((requestTimeout * 1000).rounded()))
        server.headerTimeout = .milliseconds(Int64((headerTimeout * 1000).rounded()))
        server.minBodyBytesPerSecond = minBodyRate * 1024
        server.maxConnections = maxConnections
        server.maxIncompletePerPeer = maxIncompletePerPeer
        server.tls = tls
        server.reloadCertificateOnHangup = true
        server.log = log
        if secret == nil {
            log(LogPriority.warning.prefix + "warning: no callback secret (MIDITASK_CALLBACK_SECRET or --secret-file): "
                + "callbacks are not authenticated")
        }
        // Tasks stored by an earlier run whose action never ran.
        if let runner {
            for id in try store.unhandledCallbackTasks() { runner.enqueue(id) }
        }
        let scheme = tls == nil ? "http" : "https"
        let host = host
        let path = path
        let app = try CallbackServer.application(server, intake: intake) { bound in
            log(LogPriority.info.prefix + "listening on \(scheme)://\(host):\(bound)\(path), storing in \(store.directory)"
                + (tls.map { "; certificate \($0.summary)" } ?? ""))
        }
        try runBlocking {
            try await app.runService()
        }
        let c = intake.currentCounts
        log(LogPriority.info.prefix + "stopped: \(c.stored) stored, \(c.duplicates) duplicates, \(c.failures) failures, "
            + "\(c.malformed) malformed, \(c.unauthorized) unauthorized, \(c.tooLarge) too large, "
            + "\(c.requestsTimedOut) timed out, \(c.bodiesTooSlow) too slow, \(c.connectionsEvicted) evicted, "
            + "\(c.connectionsRefused) connections refused")
    }
}

/// The listener's actions, as the option reads them: one definition, TaskAPI's.
extension OnCompleteAction: ExpressibleByArgument {}
