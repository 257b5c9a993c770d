// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import BenchmarkData
import MIDITask
import Testing
@testable import TaskAPI

@Suite struct DeliveryTests {
    static func judge(_ json: String) throws(DeliveryError) -> Delivery {
        try Delivery.judge(Array(json.utf8), origin: .callback, source: "callback")
    }

    @Test func successCallbackIsComplete() throws {
        let d = try Self.judge(#"{"task_id":"x1","code":200,"msg":"success","data":{"state":"complete","instruments":[{"name":"Drums","notes":[{"pitch":73,"start":"0.5","end":1,"velocity":1}]}]}}"#)
        #expect(d.taskId == "x1")
        #expect(d.verdict == .complete(noteCount: 1, instrumentCount: 1, durationNanos: 1_000_000_000))
    }

    @Test func code500CallbackIsAFailureOfItsTask() throws {
        let d = try Self.judge(#"{"task_id":"x2","code":500,"msg":"Internal Error","data":null}"#)
        #expect(d.taskId == "x2")
        guard case .failed(let details) = d.verdict else {
            Issue.record("expected failed, got \(d.verdict)")
            return
        }
        #expect(details.contains("Internal Error"))
    }

    @Test func malformedJSONIsRefused() {
        #expect(throws: DeliveryError.self) { try Self.judge(#"{"task_id":"x3","code":200,"#) }
    }

    @Test func bodyWithoutTaskIdIsRefused() {
        do {
            _ = try Self.judge(#"{"code":200,"msg":"success","data":{"state":"complete","instruments":[]}}"#)
            Issue.record("expected an error")
        } catch {
            guard case .missingTaskId = error else {
                Issue.record("expected missingTaskId, got \(error)")
                return
            }
        }
    }

    @Test(arguments: ["", "a\u{0}b", "line\nbreak", "esc\u{1b}[31m", String(repeating: "x", count: 257)])
    func unusableTaskIdIsRefused(id: String) {
        let body = SyntheticTask.callbackBody(id: id, notes: 1)
        #expect(throws: DeliveryError.self) { try Delivery.judge(body, origin: .callback, source: "callback") }
    }

    @Test func plainIdsAreOnlyLettersDigitsDotsDashesUnderscores() {
        #expect(TaskID.isPlain("5c79abcd-be8e_1.2"))
        for id in ["../x", "a/b", ".hidden", "-rf", "a b", "é", ""] { #expect(!TaskID.isPlain(id)) }
    }
}
