import Hummingbird
import NIOCore

/// The HTTP side of the listener: one POST route on a Hummingbird server.
public enum CallbackServer {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port; `onRunning` tells which.
        public var port = 8080
        public var path = "/callback"
        public var maxBodyBytes = 64 * 1024 * 1024

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
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(configuration.host, port: configuration.port), serverName: "miditask"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? configuration.port) })
    }

    private static func response(_ answer: CallbackIntake.Answer) -> Response {
        Response(
            status: HTTPResponse.Status(code: answer.status),
            headers: [.contentType: "application/json"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.json + "\n")))
    }
}
