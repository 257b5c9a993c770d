// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Hummingbird
import Synchronization

/// A local HTTP server standing in for the task API's record-info endpoint,
/// answering from a script of replies (the last one repeats).
public final class StandInAPI: Sendable {
    public struct Reply: Sendable {
        public var status = 200
        public var body: String
        public var headers: [String: String] = [:]
        public var delay: Duration = .zero

        public init(status: Int = 200, body: String, headers: [String: String] = [:], delay: Duration = .zero) {
            self.status = status
            self.body = body
            self.headers = headers
            self.delay = delay
        }
    }

    public struct Seen: Sendable {
        public var authorization: String?
        public var taskId: String?
    }

    private let script: Mutex<[Reply]>
    private let seen = Mutex<[Seen]>([])

    public init(_ replies: [Reply]) {
        precondition(!replies.isEmpty)
        script = Mutex(replies)
    }

    public var requests: [Seen] { seen.withLock { $0 } }

    public func application(_ onRunning: @escaping @Sendable (Int) async -> Void) -> some ApplicationProtocol {
        let router = Router()
        router.get("/api/v1/midi/record-info") { request, _ -> Response in
            self.seen.withLock {
                $0.append(Seen(authorization: request.headers[.authorization],
                               taskId: request.uri.queryParameters["taskId"].map(String.init)))
            }
            let reply = self.script.withLock { s in s.count > 1 ? s.removeFirst() : s[0] }
            if reply.delay > .zero { try await Task.sleep(for: reply.delay) }
            var headers: HTTPFields = [.contentType: "application/json"]
            for (name, value) in reply.headers { headers[.init(name)!] = value }
            return Response(status: .init(code: reply.status), headers: headers,
                            body: .init(byteBuffer: ByteBuffer(string: reply.body)))
        }
        return Application(router: router,
                           configuration: .init(address: .hostname("127.0.0.1", port: 0)),
                           onServerRunning: { await onRunning($0.localAddress!.port!) })
    }
}

/// Record-info bodies as the API documents them.
public enum RecordInfo {
    public static func pending(_ id: String) -> String {
        #"{"code":200,"msg":"success","data":{"taskId":"\#(id)","midiData":null,"successFlag":0,"errorCode":null,"errorMessage":null}}"#
    }

    public static func done(_ id: String) -> String {
        #"""
        {"code":200,"msg":"success","data":{"taskId":"\#(id)","recordTaskId":-1,"completeTime":1760335255000,
        "midiData":{"state":"complete","instruments":[{"name":"Drums","notes":[
        {"pitch":73,"start":0.036458333333333336,"end":0.18229166666666666,"velocity":1},
        {"pitch":61,"start":0.046875,"end":0.19270833333333334,"velocity":1}]},
        {"name":"Electric Bass (finger)","notes":[{"pitch":44,"start":7.6875,"end":7.911458333333333,"velocity":1}]}]},
        "successFlag":1,"createTime":1760335251000,"errorCode":null,"errorMessage":null}}
        """#
    }

    public static func failed(_ id: String, flag: Int) -> String {
        #"{"code":200,"msg":"success","data":{"taskId":"\#(id)","midiData":null,"successFlag":\#(flag),"errorCode":"E\#(flag)07","errorMessage":"separation source not found"}}"#
    }
}
