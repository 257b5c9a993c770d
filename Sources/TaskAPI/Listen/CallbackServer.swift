import Hummingbird
import Foundation
import Logging
import NIOCore

/// The HTTP side of the listener: one POST route on a Hummingbird server.
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
        /// Connections open at once; more are closed as soon as accepted.
        /// Each costs a file descriptor, so this stays well under `ulimit -n`.
        public var maxConnections = 512

        public init() {}
    }

    /// The application; run it with `runService()`. `onRunning` gets the
    /// port actually bound once the server accepts connections.
    public static func application(
        _ configuration: Configuration, intake: CallbackIntake,
        onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
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
        let limits = ConnectionLimits(
            maxConnections: configuration.maxConnections, requestTimeout: configuration.requestTimeout, intake: intake)
        return Application(
            router: router,
            // The autoclosure runs once per accepted connection: a handler each.
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionLimitsHandler(limits)])),
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "miditask",
                // A burst of connections must not overflow the accept queue:
                // the kernel would drop the SYN of a real delivery, which
                // then waits a second for its retry.
                backlog: 1024),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) },
            logger: logger)
    }

    /// Hummingbird's own log: warnings and errors only, since the listener
    /// prints its address and summary itself; `LOG_LEVEL` (trace…critical)
    /// shows more when debugging.
    private static var logger: Logger {
        var logger = Logger(label: "miditask.listen")
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
