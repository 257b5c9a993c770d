import ArgumentParser
import Foundation
import TaskAPI

struct Listen: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Receive the API's task callbacks over HTTP and store them in the local library.",
        discussion: """
            With a shared secret (MIDITASK_CALLBACK_SECRET or --secret-file), a callback must carry \
            X-Signature = HMAC-SHA256 of its body, in hex or base64, or it is refused with 401.

            The listener can face the internet: a request that has not arrived whole within \
            --request-timeout has its connection closed, and connections beyond --max-connections \
            are closed as soon as they are accepted.
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

    @Option(help: "Connections open at once; more are closed as soon as they are accepted.")
    var maxConnections = 512

    @Option(help: "What to do with each newly complete task: render, export or play.")
    var onComplete: OnCompleteChoice?

    @Option(help: "Where --on-complete export/render write their files.")
    var outputDir: String?

    @OptionGroup(title: "Bounding --on-complete render and play") var lengthLimit: LengthLimitOption

    @Option(help: "The task library folder (default: $MIDITASK_LIBRARY or $XDG_DATA_HOME/miditask).")
    var library: String?

    @Flag(help: "Log every callback.")
    var verbose = false

    enum OnCompleteChoice: String, ExpressibleByArgument, CaseIterable {
        case render, export, play
    }

    func validate() throws {
        guard path.hasPrefix("/") else { throw ValidationError("--path must start with /") }
        guard (0...65535).contains(port) else { throw ValidationError("--port must be 0–65535") }
        guard maxBodyMib >= 1 && maxBodyMib <= 4096 else { throw ValidationError("--max-body-mib must be 1–4096") }
        guard requestTimeout.isFinite, requestTimeout >= 0.1, requestTimeout <= 3600 else {
            throw ValidationError("--request-timeout must be 0.1–3600 seconds")
        }
        guard maxConnections >= 1 else { throw ValidationError("--max-connections must be at least 1") }
        // Each connection holds a file descriptor; the library and the
        // runtime need some of their own.
        let descriptors = openFileLimit()
        guard maxConnections <= descriptors - 64 else {
            throw ValidationError("--max-connections \(maxConnections) needs more open files than allowed "
                + "(ulimit -n is \(descriptors)); lower it to \(max(1, descriptors - 64)) or raise ulimit -n")
        }
        if let onComplete, onComplete != .play, outputDir == nil {
            throw ValidationError("--on-complete \(onComplete.rawValue) needs --output-dir")
        }
    }

    func run() throws {
        let environment = ProcessInfo.processInfo.environment
        let secret = try CallbackSecret.load(secretFile: secretFile, environment: environment)
        let store = try TaskLibrary(directory: LibraryLocation.resolve(option: library, environment: environment))
        let log: @Sendable (String) -> Void = { printError($0) }
        var runner: OnCompleteRunner?
        if let onComplete {
            let output = outputDir ?? FileManager.default.currentDirectoryPath
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? CommandLine.arguments[0]
            runner = OnCompleteRunner(
                .init(action: OnCompleteAction(rawValue: onComplete.rawValue)!, executable: executable,
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
        server.maxConnections = maxConnections
        if secret == nil {
            printError("warning: no callback secret (MIDITASK_CALLBACK_SECRET or --secret-file): "
                + "callbacks are not authenticated")
        }
        // Tasks stored by an earlier run whose action never ran.
        if let runner {
            for id in try store.unhandledCallbackTasks() { runner.enqueue(id) }
        }
        let host = host
        let path = path
        let app = CallbackServer.application(server, intake: intake) { bound in
            printError("listening on http://\(host):\(bound)\(path), storing in \(store.directory)")
        }
        try runBlocking {
            try await app.runService()
        }
        let c = intake.currentCounts
        printError("stopped: \(c.stored) stored, \(c.duplicates) duplicates, \(c.failures) failures, "
            + "\(c.malformed) malformed, \(c.unauthorized) unauthorized, \(c.tooLarge) too large, "
            + "\(c.requestsTimedOut) timed out, \(c.connectionsRefused) connections refused")
    }
}

/// The soft limit on open file descriptors.
private func openFileLimit() -> Int {
    var limit = rlimit()
    guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return Int(Int32.max) }
    return limit.rlim_cur == rlim_t.max ? Int(Int32.max) : Int(clamping: limit.rlim_cur)
}
