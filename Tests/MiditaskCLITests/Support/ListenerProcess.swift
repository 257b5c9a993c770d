// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import AsyncHTTPClient
import Foundation
import NIOCore
import TaskAPI

/// `miditask listen` run as a user runs it, on a free loopback port.
struct ListenerProcess {
    static let secret = "cli-listen-secret"

    let command: LaunchedCommand
    /// Where callbacks go, as the listener printed it.
    let url: String

    var port: Int { Int(url.split(separator: ":").last!.split(separator: "/").first!)! }

    /// Starts a listener on `library` and waits until it says where it listens.
    static func start(library: String, arguments: [String] = []) async throws -> ListenerProcess {
        let command = try CommandRunner.launch(
            ["listen", "--port", "0", "--library", library] + arguments,
            environment: ["MIDITASK_CALLBACK_SECRET": secret])
        let line = try await command.waitForStderr(matching: #"listening on http://127\.0\.0\.1:[0-9]+/callback"#)
        return ListenerProcess(command: command, url: String(line.dropFirst("listening on ".count)))
    }

    /// Sends the callback of task `id`, signed; returns the HTTP status.
    func send(_ client: HTTPClient, id: String) async throws -> Int {
        let body = SyntheticTask.callbackBody(id: id, notes: 8)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "X-Signature", value: CallbackSecret(Array(Self.secret.utf8)).signature(of: body))
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await client.execute(request, timeout: .seconds(10))
        _ = try await response.body.collect(upTo: 1 << 16)
        return Int(response.status.code)
    }
}
