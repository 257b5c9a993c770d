// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import BenchmarkData
import CommandLineSupport
import FoundationEssentials
import Glibc
import MIDITask
import Sequencer
import SystemClock

struct DecodeBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "decode",
        abstract: "Decode and timeline throughput on generated tasks (build with -c release for real figures).")

    @Option(help: "Comma-separated note counts of the generated tasks.")
    var sizes: String = "10000,100000,1000000"

    @Option(help: "Runs per size; the best is reported.")
    var runs: Int = 5

    @Option(name: .customLong("file"), help: "Measure this task file instead of generated ones (repeatable).")
    var files: [String] = []

    @Flag(help: "Also time Foundation's JSONDecoder, decoding the same bytes into a generic tree, for comparison.")
    var baseline = false

    func run() throws {
        let counts = sizes.split(separator: ",").compactMap { Int(String($0).trimmingCharacters(in: .whitespaces)) }
        print("size       bytes     decode MB/s  decode notes/s  timeline notes/s  decode+timeline ms" + (baseline ? "  JSONDecoder MB/s" : ""))
        let inputs: [(label: String, bytes: () throws -> [UInt8])] = files.isEmpty
            ? counts.map { count in ("\(count)", { SyntheticTask.callbackJSON(notes: count) }) }
            : files.map { path in (path.split(separator: "/").last.map(String.init) ?? path, { try FileInput.readAll(path) }) }
        for (label, makeBytes) in inputs {
            let bytes = try makeBytes()
            var bestDecode = TimeAmount.seconds(1_000)
            var bestTimeline = TimeAmount.seconds(1_000)
            var decodedNotes = 0
            for _ in 0..<max(1, runs) {
                let t0 = MonotonicInstant.now()
                let task = try TaskDecoder().decode(bytes, source: "generated")
                let t1 = MonotonicInstant.now()
                let timeline = Timeline(task: task)
                let t2 = MonotonicInstant.now()
                bestDecode = min(bestDecode, t1 - t0)
                bestTimeline = min(bestTimeline, t2 - t1)
                decodedNotes = task.noteCount
                precondition(timeline.noteCount <= decodedNotes)
            }
            let mb = Double(bytes.count) / 1e6
            let decodeSeconds = bestDecode.seconds
            let timelineSeconds = bestTimeline.seconds
            var line = Columns.pad(label, 9) + String(cFormat: "  %-8.1fMB  %11.0f  %14.0f  %16.0f  %18.1f",
                              mb, mb / decodeSeconds, Double(decodedNotes) / decodeSeconds,
                              Double(decodedNotes) / timelineSeconds, (decodeSeconds + timelineSeconds) * 1000)
            if baseline {
                let data = Data(bytes)
                let t0 = MonotonicInstant.now()
                _ = try JSONDecoder().decode(JSONTree.self, from: data)
                let seconds = (MonotonicInstant.now() - t0).seconds
                line += String(cFormat: "  %16.1f", mb / seconds)
            }
            print(line)
        }
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(String(cFormat: "peak resident memory: %.0f MB (the largest input, decoded and turned into a timeline, plus its bytes)",
                     Double(usage.ru_maxrss) / 1024))
    }
}

/// Any JSON value, as the baseline decodes it: what JSONSerialization gave
/// before the playback program left Foundation's full library out.
private enum JSONTree: Decodable {
    case null, bool(Bool), number(Double), string(String), array([JSONTree]), object([String: JSONTree])

    init(from decoder: any Decoder) throws {
        if var items = try? decoder.unkeyedContainer() {
            var array: [JSONTree] = []
            while !items.isAtEnd { array.append(try items.decode(JSONTree.self)) }
            self = .array(array)
        } else if let keyed = try? decoder.container(keyedBy: Key.self) {
            var object: [String: JSONTree] = [:]
            for key in keyed.allKeys { object[key.stringValue] = try keyed.decode(JSONTree.self, forKey: key) }
            self = .object(object)
        } else {
            let value = try decoder.singleValueContainer()
            if value.decodeNil() { self = .null }
            else if let bool = try? value.decode(Bool.self) { self = .bool(bool) }
            else if let number = try? value.decode(Double.self) { self = .number(number) }
            else { self = .string(try value.decode(String.self)) }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
