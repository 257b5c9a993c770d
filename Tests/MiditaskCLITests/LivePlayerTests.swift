// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing

/// The live view, driven in a real terminal (tmux): keys typed with
/// send-keys, the screen read with capture-pane. FluidSynth plays through
/// its file audio driver, which writes what it hears in real time, so no
/// sound card is needed and what was played can be measured.
@Suite(.serialized) struct LivePlayerTests {
    /// A task JSON: each instrument plays back-to-back 1 s notes on `key` for `seconds`.
    static func task(id: String, _ parts: [(name: String, key: Int)], seconds: Int = 40) -> String {
        let instruments = parts.map { part in
            let notes = (0..<seconds).map { s in
                #"{"pitch": \#(part.key), "start": \#(s), "end": \#(s + 1), "velocity": 0.8}"#
            }
            return #"{"name": "\#(part.name)", "notes": [\#(notes.joined(separator: ","))]}"#
        }
        return #"{"task_id": "\#(id)", "data": {"state": "complete", "instruments": [\#(instruments.joined(separator: ","))]}}"#
    }

    static let band = [("Church Organ", 60), ("Electric Bass (finger)", 40), ("Drums", 36)]

    /// `play` in a tmux window, FluidSynth writing to `audio` (a WAV file).
    static func livePlay(_ taskPath: String, audio: String, extra: [String] = [], width: Int = 100, height: Int = 30,
                         environment: [String: String] = [:]) throws -> TmuxTerminal {
        try TmuxTerminal(width: width, height: height,
                         command: [CommandRunner.executable.path, "play", taskPath, "--audio-driver", "file",
                                   "-o", "audio.file.name=\(audio)"] + extra,
                         environment: environment)
    }

    @Test func theViewShowsTheSongAndObeysKeysThenQuitRestoresTheTerminal() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("band.json", Self.task(id: "live-band-7", Self.band))
        let term = try Self.livePlay(path, audio: folder.path("out.wav"))

        let first = try term.wait { $0.contains("▶ playing") }
        let screen = try #require(first, "the live view never showed: \(term.text)")
        #expect(screen.contains("live-band-7"))
        #expect(screen.contains("FluidSynth"))
        for name in ["Church Organ", "Electric Bass (finger)", "Drums"] { #expect(screen.contains(name)) }
        #expect(screen.contains("space pause"))
        #expect(try term.modes().alternateScreen)

        try term.send("Space")
        let paused = try term.wait { $0.contains("‖ paused") }
        #expect(paused != nil, "no pause: \(term.text)")
        // Paused within the first second or two; two steps of 5 s forward.
        let before = try #require(Self.position(in: try term.screen()))
        try term.send("Right")
        try term.send("Right")
        let seeked = try term.wait { Self.position(in: $0) == before + 10 }
        #expect(seeked != nil, "position after two → from \(before) s: \(term.text)")

        try term.send("2")
        let muted = try term.wait { $0.contains("muted 2 Electric Bass") }
        #expect(muted.map { Self.row(2, in: $0).contains("MUTE") } == true, "\(term.text)")
        try term.send("s", "3")
        let soloed = try term.wait { Self.row(3, in: $0).contains("SOLO") }
        #expect(soloed != nil, "\(term.text)")

        try term.send("]", "]")
        #expect(try term.wait { $0.contains("tempo 110 %") } != nil)
        try term.send("?")
        #expect(try term.wait { $0.contains("this help on / off") } != nil)

        try term.send("q")
        let end = try term.wait { $0.contains("STTY=") }
        let after = try #require(end, "did not end: \(term.text)")
        #expect(after.contains("EXIT=0"))
        #expect(after.contains("STTY=same"))
        #expect(!after.contains("▶ playing"))
        let modes = try term.modes()
        #expect(!modes.alternateScreen && modes.cursorShown)
    }

    @Test func mutingStopsTheInstrumentsSoundAtOnce() throws {
        let folder = try TemporaryFolder()
        // One organ holding a note from 0 to 40 s: without the mute, the sound never stops.
        let path = try folder.write("organ.json", Self.task(id: "organ", [("Church Organ", 60)]))
        let audio = folder.path("out.wav")
        let term = try Self.livePlay(path, audio: audio)
        #expect(try term.wait { $0.contains("0:01 /") } != nil, "\(term.text)")
        try term.send("1")
        #expect(try term.wait { $0.contains("muted 1 Church Organ") } != nil)
        Thread.sleep(forTimeInterval: 1.5)
        try term.send("q")
        #expect(try term.wait { $0.contains("EXIT=0") } != nil, "\(term.text)")

        let samples = try WAVSamples(path: audio)
        // Loud while playing, silent for the last second (the release is well under 0.3 s).
        let loud = samples.rms(from: 0.3, to: 0.9)
        let tail = samples.rms(from: samples.duration - 1.0, to: samples.duration)
        #expect(samples.duration > 2.0)
        #expect(loud > 0.01, "organ rms \(loud)")
        // Silent means the dither floor (a 16-bit LSB is 3e-5): below −74 dBFS, 50 dB under the organ.
        #expect(tail < 0.0002 && tail < loud / 300, "after the mute: rms \(tail), before \(loud)")
    }

    @Test func ctrlCAndSigtermStopAndPutTheTerminalBack() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("band.json", Self.task(id: "sig", Self.band))
        for (stop, status) in [("C-c", 130), ("TERM", 143)] {
            let term = try Self.livePlay(path, audio: folder.path("\(status).wav"))
            #expect(try term.wait { $0.contains("▶ playing") } != nil)
            if stop == "TERM" {
                let pid = try #require(try term.commandPID(matching: "miditask play \(path)"))
                kill(pid, SIGTERM)
            } else {
                try term.send(stop)
            }
            let end = try term.wait { $0.contains("STTY=") }
            #expect(end?.contains("EXIT=\(status)") == true, "\(stop): \(term.text)")
            #expect(end?.contains("STTY=same") == true)
            let modes = try term.modes()
            #expect(!modes.alternateScreen && modes.cursorShown, "\(stop)")
        }
    }

    @Test func anErrorLeavesTheTerminalAsItWas() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("band.json", Self.task(id: "err", Self.band))
        let term = try Self.livePlay(path, audio: folder.path("x.wav"), extra: ["--soundfont", folder.path("missing.sf2")])
        let end = try term.wait { $0.contains("STTY=") }
        #expect(end?.contains("EXIT=1") == true, "\(term.text)")
        #expect(end?.contains("missing.sf2") == true)
        #expect(end?.contains("STTY=same") == true)
        #expect(try term.modes().alternateScreen == false)
    }

    @Test func noUIAndNoColor() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("band.json", Self.task(id: "plain", Self.band, seconds: 3))
        // --no-ui: the progress line on the main screen.
        let plain = try Self.livePlay(path, audio: folder.path("a.wav"), extra: ["--no-ui"])
        #expect(try plain.wait { $0.contains("playing 0:0") } != nil, "\(plain.text)")
        #expect(try plain.modes().alternateScreen == false)
        #expect(try plain.wait { $0.contains("EXIT=0") } != nil)

        // NO_COLOR: the view, with attributes but no colour.
        let mono = try Self.livePlay(path, audio: folder.path("b.wav"), environment: ["NO_COLOR": "1"])
        #expect(try mono.wait { $0.contains("▶ playing") } != nil)
        let styled = try mono.screen(styled: true)
        // A foreground colour code (30–38, 90–97); 39 is the default colour.
        #expect(styled.firstMatch(of: /\u{1B}\[(?:[0-9;]*;)?(?:3[0-8]|9[0-7])(?:;[0-9;]*)?m/) == nil,
                "colour codes in \(styled.debugDescription)")
        try mono.send("q")
        #expect(try mono.wait { $0.contains("EXIT=0") } != nil)
    }

    @Test func theViewFollowsAResize() throws {
        let folder = try TemporaryFolder()
        let path = try folder.write("band.json", Self.task(id: "resize", Self.band))
        let term = try Self.livePlay(path, audio: folder.path("r.wav"), width: 80, height: 24)
        let small = try #require(try term.wait { $0.contains("▶ playing") })
        #expect(small.split(separator: "\n", omittingEmptySubsequences: false).allSatisfy { $0.count <= 80 })
        _ = try TmuxTerminal.run("/usr/bin/env", ["tmux", "-L", term.socket, "resize-window", "-t", "t", "-x", "160", "-y", "40"])
        // The ruler runs the full width again, and the roll grows.
        let large = try term.wait { screen in
            screen.split(separator: "\n").contains { $0.hasPrefix("── roll") && $0.count >= 150 }
        }
        #expect(large != nil, "\(term.text)")
        try term.send("q")
        #expect(try term.wait { $0.contains("EXIT=0") } != nil)
    }

    /// Seconds shown in the title bar's position, "m:ss / ".
    static func position(in screen: String) -> Int? {
        guard let title = screen.split(separator: "\n").first,
              let match = title.firstMatch(of: /(\d+):(\d\d) \//) else { return nil }
        return Int(match.1)! * 60 + Int(match.2)!
    }

    /// The table row of instrument `number`.
    static func row(_ number: Int, in screen: String) -> String {
        String(screen.split(separator: "\n").first { $0.hasPrefix(String(format: "%3d ", number)) } ?? "")
    }
}

/// The samples of a 16-bit or float WAV file, mixed to mono, for loudness checks.
struct WAVSamples {
    var rate: Double
    var mono: [Double]

    init(path: String) throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let bytes = [UInt8](data)
        func u16(_ i: Int) -> Int { Int(bytes[i]) | Int(bytes[i + 1]) << 8 }
        func u32(_ i: Int) -> Int { u16(i) | u16(i + 2) << 16 }
        guard bytes.count > 44, String(decoding: bytes[0..<4], as: UTF8.self) == "RIFF" else {
            throw WAVProblem(path: path, reason: "not a RIFF/WAV file (\(bytes.count) bytes)")
        }
        var i = 12, format = 0, channels = 0, bits = 0
        rate = 0
        mono = []
        while i + 8 <= bytes.count {
            let id = String(decoding: bytes[i..<(i + 4)], as: UTF8.self), size = u32(i + 4)
            if id == "fmt " {
                format = u16(i + 8); channels = u16(i + 10); rate = Double(u32(i + 12)); bits = u16(i + 22)
            } else if id == "data" {
                let end = min(bytes.count, i + 8 + size)
                let frameBytes = channels * bits / 8
                var f = i + 8
                while f + frameBytes <= end {
                    var sum = 0.0
                    for c in 0..<channels {
                        let at = f + c * bits / 8
                        if bits == 16 {
                            sum += Double(Int16(bitPattern: UInt16(u16(at)))) / 32768
                        } else if bits == 32 && format == 3 {
                            sum += Double(Float(bitPattern: UInt32(u32(at))))
                        } else {
                            throw WAVProblem(path: path, reason: "format \(format), \(bits) bits not read here")
                        }
                    }
                    mono.append(sum / Double(channels))
                    f += frameBytes
                }
            }
            i += 8 + size + (size & 1)
        }
        guard rate > 0 else { throw WAVProblem(path: path, reason: "no fmt chunk") }
    }

    var duration: Double { Double(mono.count) / rate }

    func rms(from: Double, to: Double) -> Double {
        let a = max(0, Int(from * rate)), b = min(mono.count, Int(to * rate))
        guard b > a else { return 0 }
        return (mono[a..<b].reduce(0) { $0 + $1 * $1 } / Double(b - a)).squareRoot()
    }
}

struct WAVProblem: Error, CustomStringConvertible {
    var path: String
    var reason: String
    var description: String { "\(path): \(reason)" }
}
