// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import MIDITask
import Playback
import Sequencer
import SystemClock

/// What `play` plays beyond the shared song selection: looping, and progress.
struct TransportOptions: ParsableArguments {
    @OptionGroup var song: SongSelection

    @Option(help: ArgumentHelp(
        "Play a section over and over until stopped: START:END in seconds (either side may be left out: "
            + "\"8:\" loops from 8 s to the end), or \"all\" for the whole song.",
        valueName: "START:END|all"))
    var loop: String?

    @Flag(help: "Show no progress line.")
    var quiet = false

    func validate() throws {
        if loop != nil, let end = song.end {
            throw ValidationError("--end \(end) with --loop: a loop plays until stopped; give its end in --loop START:END")
        }
        _ = try loopBounds()
    }

    /// `--loop` as (start, end) seconds, each nil where left out; nil without `--loop`.
    func loopBounds() throws -> (start: Double?, end: Double?)? {
        guard let loop else { return nil }
        if loop.lowercased() == "all" { return (nil, nil) }
        guard let colon = loop.firstIndex(of: ":") else {
            throw ValidationError("--loop \(loop): expected START:END in seconds (e.g. 8:16.5), or \"all\"")
        }
        func seconds(_ text: Substring, _ side: String) throws -> Double? {
            let trimmed = String(text).trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { return nil }
            guard let value = Double(trimmed), value.isFinite, value >= 0 else {
                throw ValidationError("--loop \(loop): the \(side) \"\(trimmed)\" is not a number of seconds")
            }
            return value
        }
        let bounds = (start: try seconds(loop[..<colon], "start"), end: try seconds(loop[loop.index(after: colon)...], "end"))
        if let s = bounds.start, let e = bounds.end, e - s < Player.Options.minimumLoopLength.seconds {
            throw ValidationError("--loop \(loop): the end must come at least \(Player.Options.minimumLoopLength) after the start")
        }
        return bounds
    }

    /// The player's options for a timeline lasting `duration` nanoseconds.
    ///
    /// An end past the song is kept to the song's end; a start at or past it
    /// is an error, since nothing would play.
    func playerOptions(duration: Int64) throws -> Player.Options {
        let songEnd = TimeAmount.nanoseconds(duration)
        let start = song.start
        let end = song.end
        let startAmount = start.map { TimeAmount.seconds($0) }
        if let startAmount, startAmount >= songEnd {
            throw ValidationError("--start \(start!): the song lasts only \(Columns.clock(songEnd.seconds))")
        }
        var loopRange: Player.Options.LoopRange?
        if let bounds = try loopBounds() {
            let loopStart = TimeAmount.seconds(bounds.start ?? 0)
            let loopEnd = bounds.end.map { TimeAmount.seconds($0) } ?? songEnd
            guard loopEnd - loopStart >= Player.Options.minimumLoopLength else {
                throw ValidationError("--loop \(loop!): the song lasts \(Columns.clock(songEnd.seconds)), so the loop would be empty")
            }
            if let startAmount, startAmount >= loopEnd {
                throw ValidationError("--start \(start!) is past the loop's end (\(Columns.clock(loopEnd.seconds))): the loop would never play")
            }
            loopRange = Player.Options.LoopRange(start: loopStart, end: loopEnd)
        }
        let endAmount = end.map { min(TimeAmount.seconds($0), songEnd) }
        if let startAmount, let endAmount, endAmount <= startAmount {
            throw ValidationError("--start \(start!): the song lasts only \(Columns.clock(songEnd.seconds))")
        }
        return Player.Options(tempo: song.tempo, start: startAmount, end: endAmount, loop: loopRange)
    }
}
