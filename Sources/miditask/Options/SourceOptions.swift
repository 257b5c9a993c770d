// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Glibc
import MIDITask
import Sequencer

/// The task a command works on, and how to read it.
struct SourceOptions: ParsableArguments {
    @Argument(help: "The task: a JSON file (any of the API's three shapes), - for standard input, or a task id (from the library, or fetched when MIDITASK_API_KEY is set).")
    var source: String

    @Flag(help: "Fail on the first bad note or out-of-range velocity instead of skipping or clamping it with a warning.")
    var strict = false

    @Option(name: .customLong("program"), parsing: .singleValue,
            help: ArgumentHelp("Play an instrument as a GM program (0–127) or as drums. Repeatable.",
                               valueName: "NAME=N|drums"))
    var programs: [String] = []

    @Option(name: .customLong("channel"), parsing: .singleValue,
            help: ArgumentHelp("Put an instrument (by name, or by its number in `info`) on channel N, 1–16, for a synth set to fixed channels; the others skip it. Repeatable.",
                               valueName: "NAME|INDEX=N"))
    var channels: [String] = []

    func validate() throws {
        _ = try programOverrides()
        _ = try channelRequests()
    }

    /// `--program` values as a name → choice table.
    func programOverrides() throws -> [String: ProgramChoice] {
        var table: [String: ProgramChoice] = [:]
        for spec in programs {
            guard let eq = spec.lastIndex(of: "=") else {
                throw ValidationError("--program \(spec): expected NAME=N, e.g. \"Vocals=53\"")
            }
            let name = String(spec[..<eq])
            let value = spec[spec.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.lowercased() == "drums" {
                table[name] = .drums
            } else if let n = UInt8(value), n < 128 {
                table[name] = .melodic(n)
            } else {
                throw ValidationError("--program \(spec): \(value) is not a program 0–127 or \"drums\"")
            }
        }
        return table
    }

    /// `--channel` values, read but not yet checked against the task.
    func channelRequests() throws -> [ChannelRequest] {
        do {
            return try channels.map { spec throws(ChannelRequestError) in try ChannelRequest(parsing: spec) }
        } catch {
            throw ValidationError("--channel \(error)")
        }
    }

    /// Reads and decodes the task, printing its warnings to standard error.
    ///
    /// A SOURCE that is no file but reads as a task id is looked up in the
    /// library, and fetched from the API when it is not there and a key is
    /// set: by miditask-api, the online program.
    func loadTask() throws -> MIDITask {
        if source == "-" || access(source, F_OK) == 0 || !TaskSourceName.looksLikeTaskId(source) {
            return try TaskDecoder(strict: strict).decode(contentsOf: source)
        }
        let found = try OnlineProgram.taskJSON(id: source)
        return try TaskDecoder(strict: strict).decode(found.body, source: found.source)
    }

    /// What the options ask of `task`'s song (programs, checked against the
    /// task's instruments, and chosen channels), with `options`' transposition
    /// and mutes.
    func songRequest(for task: MIDITask, options: Timeline.Options = Timeline.Options()) throws -> PreparedSong.Request {
        var options = options
        options.programOverrides = try programOverrides()
        for name in options.programOverrides.keys {
            // A program applies to every instrument of a name (the table is by name):
            // a number would seem to pick one, so it is refused rather than misread.
            if case .index = InstrumentSelector(name) {
                throw ValidationError("--program \(name): give the instrument's name (a program applies to every "
                    + "instrument of that name)")
            }
            _ = try InstrumentSelector.positions(name, in: task.instruments.map(\.name), option: "--program")
        }
        return PreparedSong.Request(timeline: options, channels: try channelRequests())
    }

    /// The task prepared as `request` asks, its failures in the options' words.
    static func prepare(_ task: MIDITask, _ request: PreparedSong.Request) throws -> PreparedSong {
        do throws(PreparedSong.Failure) {
            return try PreparedSong(task, request)
        } catch {
            switch error {
            case .channel(let error):
                throw ValidationError("--channel" + (error.request == nil ? ": " : " ") + "\(error)")
            case .noTempoToQuantize(let unclear):
                let grid = request.quantize.map { "\($0.grid)" } ?? ""
                throw ValidationError("--quantize \(grid): \(unclear); give the tempo with --bpm N (and --first-beat S)")
            }
        }
    }

    /// The timeline of the task with the program overrides and chosen
    /// channels applied, checking that each names an instrument of the task.
    func timeline(of task: MIDITask, options: Timeline.Options = Timeline.Options()) throws -> Timeline {
        try Self.prepare(task, try songRequest(for: task, options: options)).timeline
    }
}

extension StringProtocol {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop(while: set.contains).reversed().drop(while: set.contains).reversed())
    }
}

extension Set<Character> {
    static let whitespaces: Set<Character> = [" ", "\t"]
}
