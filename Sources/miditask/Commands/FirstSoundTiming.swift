// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import CommandLineSupport
import FoundationEssentials
import Glibc

/// How long a player takes from launch to its first sound: the player is
/// started writing through FluidSynth's `file` audio driver (which writes in
/// real time, a period at a time, as a sound card would take it), and its
/// file is watched for the first sample above −50 dBFS. Run for `miditask
/// play` and for the `fluidsynth` command on the same notes, the two figures
/// compare SoundFont loading and start-up, and nothing else.
struct FirstSoundTiming {
    /// The command to run and the WAV file it writes.
    var command: [String]
    var audioFile: String
    /// Give up after this long.
    var timeout = 30.0

    /// Seconds from launch to the first loud sample written, or nil when none came.
    func measure() throws -> Double? {
        unlink(audioFile)
        let start = RenderBench.now()
        let process = try Subprocess(command)
        defer {
            process.terminate()
            process.wait()
        }
        var offset: off_t = 44  // past the WAV header
        var buffer = [Int16](repeating: 0, count: 8192)
        while Double(RenderBench.now() - start) / 1e9 < timeout {
            let fd = open(audioFile, O_RDONLY)
            if fd >= 0 {
                defer { close(fd) }
                while true {
                    let got = buffer.withUnsafeMutableBytes { pread(fd, $0.baseAddress, $0.count, offset) }
                    guard got > 0 else { break }
                    let samples = got / 2
                    offset += off_t(samples * 2)
                    // 16-bit little-endian PCM, FluidSynth's file driver default.
                    if buffer.prefix(samples).contains(where: { abs(Int32($0)) > 104 }) {
                        return Double(RenderBench.now() - start) / 1e9
                    }
                }
            }
            if !process.isRunning { return nil }
            usleep(1_000)
        }
        return nil
    }
}
