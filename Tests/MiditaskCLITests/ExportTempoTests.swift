// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// `export` writes the song's tempo and meter, its first bar on a bar line.
@Suite struct ExportTempoTests {
    /// A clean rock beat at 100 BPM (600 ms a beat) whose first bar starts at 0.6 s, one beat in.
    static func rockAt100() -> String {
        var drums: [String] = []
        for bar in 0..<12 {
            for beat in 0..<4 {
                let t = 0.6 + Double(bar * 4 + beat) * 0.6
                drums.append(#"{"pitch": \#(beat % 2 == 0 ? 36 : 38), "start": \#(t), "end": \#(t + 0.1), "velocity": 0.9}"#)
                drums.append(#"{"pitch": 42, "start": \#(t + 0.3), "end": \#(t + 0.35), "velocity": 0.5}"#)
            }
        }
        return #"{"task_id": "rock100", "data": {"state": "complete", "instruments": [{"name": "Drums", "notes": [\#(drums.joined(separator: ","))]}]}}"#
    }

    /// The conductor track's meta events: (type, data) in order.
    static func conductor(_ path: String) throws -> [(type: UInt8, data: [UInt8])] {
        let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
        // MThd is 14 bytes; the first MTrk follows.
        #expect(Array(bytes[14..<18]) == Array("MTrk".utf8))
        let length = bytes[18..<22].reduce(0) { $0 << 8 | Int($1) }
        var i = 22, events: [(UInt8, [UInt8])] = []
        while i < 22 + length {
            while bytes[i] & 0x80 != 0 { i += 1 }  // delta time
            i += 1
            guard bytes[i] == 0xFF else { break }
            let type = bytes[i + 1], size = Int(bytes[i + 2])
            events.append((type, Array(bytes[(i + 3)..<(i + 3 + size)])))
            i += 3 + size
        }
        return events
    }

    @Test func theFileCarriesTheSongsTempoAndAPickupBar() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("rock.json", Self.rockAt100())
        let out = folder.path("rock.mid")
        let result = try CommandRunner.run(["export", task, "-o", out])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.contains("100.0 BPM 4/4, first bar at 0.600 s"), "\(result.stderr)")
        let events = try Self.conductor(out)
        let tempos = events.filter { $0.type == 0x51 }.map { $0.data.reduce(0) { $0 << 8 | Int($1) } }
        let signatures = events.filter { $0.type == 0x58 }.map { Int($0.data[0]) }
        // One beat of lead-in at the song's own pace, a 1/4 pickup bar, then 4/4.
        #expect(tempos == [600_000])
        #expect(signatures == [1, 4])
    }

    @Test func tempoKeepWritesTheOld120() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("rock.json", Self.rockAt100())
        let out = folder.path("keep.mid")
        let result = try CommandRunner.run(["export", task, "-o", out, "--tempo", "keep"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try Self.conductor(out)
        #expect(events.filter { $0.type == 0x51 }.map { $0.data } == [[0x07, 0xA1, 0x20]])
        #expect(events.filter { $0.type == 0x58 }.map { Int($0.data[0]) } == [4])
        let bad = try CommandRunner.run(["export", task, "-o", out, "--tempo", "fast"])
        #expect(bad.status != 0 && bad.stderr.contains("--tempo fast: expected \"song\" or \"keep\""))
    }

    @Test func aGivenTempoWins() throws {
        let folder = try TemporaryFolder()
        let task = try folder.write("rock.json", Self.rockAt100())
        let out = folder.path("given.mid")
        let result = try CommandRunner.run(["export", task, "-o", out, "--bpm", "50", "--first-beat", "0"])
        #expect(result.status == 0, "\(result.stderr)")
        let events = try Self.conductor(out)
        #expect(events.filter { $0.type == 0x51 }.map { $0.data.reduce(0) { $0 << 8 | Int($1) } } == [1_200_000])
    }
}
