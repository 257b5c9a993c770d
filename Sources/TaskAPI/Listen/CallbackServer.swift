// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import ServiceLifecycle

/// The HTTP side of the listener: the callback route and `/healthz` on a
/// Hummingbird server, over plain HTTP or TLS.
public enum CallbackServer {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port; `onRunning` tells which.
        public var port = 8080
        public var path = "/callback"
        public var maxBodyBytes = 64 * 1024 * 1024
        /// How long a request may take to arrive whole, counted from when the
        /// connection starts waiting for it. The API gives up on a callback
        /// after 15 s, so a request slower than that is no delivery.
        public var requestTimeout: Duration = .seconds(15)
        /// How long the request's head may take, from the same start. A real
        /// client sends it at once (after the TLS handshake, over HTTPS).
        public var headerTimeout: Duration = .seconds(5)
        /// The least average rate of a body once `bodyGrace` has passed since
        /// its head; 0 for none. See `Listen`'s help for how it was chosen.
        public var minBodyBytesPerSecond = 8 * 1024
        public var bodyGrace: Duration = .seconds(3)
        /// Connections open at once. Each costs a file descriptor, so this
        /// stays well under `ulimit -n`. At the cap, the connection whose
        /// request has been incomplete longest is closed for the newcomer.
        public var maxConnections = 512
        /// Connections of one address waiting on their client at once; one
        /// more closes that address's longest-waiting one.
        public var maxIncompletePerPeer = 64
        /// Serves HTTPS with this certificate when set.
        public var tls: TLSCertificateReloader?
        /// How often the certificate files are checked for a renewal.
        public var certificateCheckInterval: Duration = .seconds(30)
        /// Whether SIGHUP re-reads the certificate (for a process of its own,
        /// not a server run inside another program).
        public var reloadCertificateOnHangup = false
        /// Where Hummingbird's own warnings and errors go, each as one
        /// message with its priority prefix (see `LogLine`); nil leaves them
        /// to swift-log's default handler.
        public var log: (@Sendable (String) -> Void)?

        public init() {}
    }

    /// The application; run it with `runService()`. `onRunning` gets the
    /// port actually bound once the server accepts connections.
    public static func application(
        _ configuration: Configuration, intake: CallbackIntake,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        let router = Router()
        let limit = configuration.maxBodyBytes
        router.post(RouterPath(configuration.path)) { request, _ -> Response in
            // A declared length over the limit is refused before reading a byte.
            if let declared = request.headers[.contentLength].flatMap(Int.init), declared > limit {
                return response(intake.tooLarge(limit: limit))
            }
            var request = request
            let buffer: ByteBuffer
            do {
                buffer = try await request.collectBody(upTo: limit)
            } catch is NIOTooManyBytesError {
                return response(intake.tooLarge(limit: limit))
            }
            let answer = await intake.receive(body: [UInt8](buffer: buffer), signature: request.headers[.init("X-Signature")!])
            return response(answer)
        }
        // For a load balancer or systemd's watchdog script: says the process
        // answers, nothing about tasks or the configuration.
        router.get("/healthz") { _, _ -> Response in
            response(CallbackIntake.Answer(status: 200, json: #"{"status":"ok"}"#))
        }
        let pace = RequestPace(
            headerTimeout: TimeAmount(configuration.headerTimeout), requestTimeout: TimeAmount(configuration.requestTimeout),
            minBodyBytesPerSecond: configuration.minBodyBytesPerSecond, bodyGrace: TimeAmount(configuration.bodyGrace))
        let limits = ConnectionLimits(
            maxConnections: configuration.maxConnections, maxIncompletePerPeer: configuration.maxIncompletePerPeer,
            pace: pace, intake: intake)
        // The autoclosure runs once per accepted connection: a handler each.
        let http1 = HTTPServerBuilder.http1(configuration: .init(additionalChannelHandlers: [ConnectionLimitsHandler(limits)]))
        var server = http1
        var services: [any Service] = []
        if let tls = configuration.tls {
            server = try .tls(http1, tlsConfiguration: tls.serverConfiguration())
            services.append(CertificateWatcher(
                reloader: tls, interval: configuration.certificateCheckInterval,
                reloadOnHangup: configuration.reloadCertificateOnHangup))
        }
        return Application(
            router: router,
            server: server,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "miditask",
                // A burst of connections must not overflow the accept queue:
                // the kernel would drop the SYN of a real delivery, which
                // then waits a second for its retry. The flood test's burst of
                // 2,000 overflowed 1024; Linux caps this at net.core.somaxconn
                // (4096 by default since 5.4).
                backlog: 4096),
            services: services,
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger(configuration.log))
    }

    /// Hummingbird's own log: warnings and errors only, since the listener
    /// prints its address and summary itself; `LOG_LEVEL` (trace…critical)
    /// shows more when debugging.
    private static func logger(_ write: (@Sendable (String) -> Void)?) -> Logger {
        var logger = write.map { write in
            Logger(label: "miditask.listen") { _ in LogLineHandler(logLevel: .warning, write: write) }
        } ?? Logger(label: "miditask.listen")
        let asked = ProcessInfo.processInfo.environment["LOG_LEVEL"].flatMap { Logger.Level(rawValue: $0.lowercased()) }
        logger.logLevel = asked ?? .warning
        return logger
    }

    private static func response(_ answer: CallbackIntake.Answer) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.json + "\n")))
    }
}
