// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// Generated tasks for benchmarks and tests: deterministic, shaped like the
/// API's output (a callback body, times sometimes written as strings).
public enum SyntheticTask {
    /// A small complete-task callback body as the API sends it: one bass
    /// instrument with `notes` notes, each `end` written as a JSON string,
    /// as the API sometimes does. For the listener's tests and load test.
    public static func callbackBody(id: String, notes: Int) -> [UInt8] {
        var parts: [String] = []
        for i in 0..<notes {
            let start = Double(i) * 0.25
            parts.append("{\"pitch\":\(40 + i % 40),\"start\":\(start),\"end\":\"\(start + 0.2)\",\"velocity\":0.8}")
        }
        let json = """
            {"task_id":\(JSONText.quote(id)),"code":200,"msg":"success","data":{"state":"complete",\
            "instruments":[{"name":"Electric Bass (finger)","notes":[\(parts.joined(separator: ","))]}]}}
            """
        return Array(json.utf8)
    }

    /// A callback body with `notes` notes spread over `instruments` instruments.
    public static func callbackJSON(notes: Int, instruments: Int = 8, seed: UInt64 = 1) -> [UInt8] {
        let names = ["Drums", "Electric Bass (finger)", "Acoustic Grand Piano", "String Ensemble 1",
                     "Overdriven Guitar", "Alto Sax", "Choir Aahs", "Flute", "Trumpet", "Vibraphone"]
        var rng = SplitMix(seed: seed)
        var out: [UInt8] = []
        out.reserveCapacity(notes * 84 + 256)
        out += Array(#"{"task_id": "synthetic-\#(notes)", "code": 200, "msg": "success", "data": {"state": "complete", "instruments": ["#.utf8)
        let perInstrument = max(1, notes / max(1, instruments))
        var written = 0
        for i in 0..<instruments {
            let count = i == instruments - 1 ? notes - written : min(perInstrument, notes - written)
            if i > 0 { out += Array(", ".utf8) }
            out += Array(#"{"name": "\#(names[i % names.count])", "notes": ["#.utf8)
            var time = 0.0
            for n in 0..<count {
                if n > 0 { out += Array(", ".utf8) }
                time += Double(rng.next() % 400) / 1000
                let length = 0.05 + Double(rng.next() % 800) / 1000
                let pitch = 36 + Int(rng.next() % 60)
                let velocity = Double(rng.next() % 1000) / 1000
                // Like the API's own examples, some times are JSON strings.
                let start = n % 3 == 0 ? "\"\(time)\"" : "\(time)"
                let end = n % 2 == 0 ? "\"\(time + length)\"" : "\(time + length)"
                out += Array(#"{"pitch": \#(pitch), "start": \#(start), "end": \#(end), "velocity": \#(velocity)}"#.utf8)
            }
            out += Array("]}".utf8)
            written += count
        }
        out += Array("]}}".utf8)
        return out
    }
}
