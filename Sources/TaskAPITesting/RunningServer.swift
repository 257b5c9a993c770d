// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Hummingbird
import Logging
import ServiceLifecycle

/// Runs a Hummingbird application on an ephemeral loopback port for the
/// length of `body`, then stops it as SIGTERM would: a graceful shutdown,
/// not a cancellation (which makes the server log errors on its way out).
public func withRunningServer<App: ApplicationProtocol, T: Sendable>(
    _ make: (@escaping @Sendable (Int) async -> Void) throws -> App,
    _ body: (Int) async throws -> T
) async throws -> T {
    let (ports, continuation) = AsyncStream<Int>.makeStream()
    let app = try make { continuation.yield($0) }
    let services = ServiceGroup(configuration: .init(services: [app], logger: Logger(label: "test-server")))
    return try await withThrowingTaskGroup(of: Void.self) { group in
        group.addTask { try await services.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next() else { throw CancellationError() }
        let result: Result<T, any Error>
        do { result = .success(try await body(port)) } catch { result = .failure(error) }
        await services.triggerGracefulShutdown()
        try await group.waitForAll()
        return try result.get()
    }
}
