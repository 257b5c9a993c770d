// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask
import MIDIWire

/// Which channel and program each instrument of a task plays on.
///
/// Every instrument gets a channel of its own while there are channels
/// enough, so no instrument loses a note to another: melodic instruments take
/// channels 1–9 and 11–16 in the task's order, and every drum instrument
/// plays on channel 10 (one kit plays every drum key).
///
/// Channels the user chose (`ChannelRequest`, for hardware set to fixed
/// channels) come first, and automatic channels skip them. The choices are
/// checked: an unknown instrument, one instrument sent to two channels, and
/// two programs on one channel (a channel plays one program at a time) are
/// errors; a melodic instrument asked onto channel 10, or drums onto another
/// channel, are honoured with a warning, since the user may own a synth that
/// wants exactly that but a General MIDI synth plays channel 10, and only
/// channel 10, as drums. Automatic drums and a melodic instrument chosen
/// for channel 10 cannot both have it: that is an error.
///
/// Only when the task has more melodic instruments than free channels do
/// instruments share, with one warning per shared channel naming who shares
/// it. A channel shared by one program sounds right, so instruments of the
/// same program pair up first, the two with the fewest notes together each
/// time (fewest notes, fewest chances of two of them striking one key at the
/// same instant, where the timeline must merge them; it counts those in a
/// warning). If that is not enough, programs pair up, and the one with fewer
/// notes plays the other's program: a pair within one GM family first (an
/// extra guitar plays as another guitar), then the pair whose smaller member
/// has the fewest notes (fewest notes heard with a wrong sound), then the
/// nearest program number.
public struct ChannelPlan: Sendable {
    /// How one instrument is played.
    public struct Assignment: Sendable, Hashable {
        public var name: String
        public var choice: ProgramChoice
        public var source: MappingSource
        public var channel: MIDIChannel
        /// The program the channel actually plays (differs from `choice` only
        /// when instruments of different programs share the channel).
        public var program: UInt8

        public var isDrum: Bool { choice == .drums }
    }

    /// One used channel and the sound it is set to at the start.
    public struct ChannelSetup: Sendable, Hashable {
        public var channel: MIDIChannel
        public var program: UInt8
        public var isDrum: Bool
    }

    /// One per instrument, in the task's order.
    public var assignments: [Assignment]
    /// The used channels, by channel number.
    public var channels: [ChannelSetup]
    public var warnings: [String]

    /// Plans the channels for `instruments` automatically. `overrides` maps
    /// instrument names (compared case- and punctuation-insensitively) to a choice.
    public init(instruments: [Instrument], overrides: [String: ProgramChoice] = [:]) {
        // Without requests there is nothing to refuse.
        self = try! ChannelPlan(instruments: instruments, overrides: overrides, requests: [])
    }

    /// Plans the channels for `instruments`, putting those named in
    /// `requests` on the channels asked for; throws when the requests
    /// cannot be met, naming the request at fault.
    public init(instruments: [Instrument], overrides: [String: ProgramChoice] = [:],
                requests: [ChannelRequest]) throws(ChannelRequestError) {
        var warnings: [String] = []
        let resolved = Self.resolve(instruments, overrides: overrides, warnings: &warnings)
        let label = { (i: Int) in "\"\(instruments[i].name)\" (#\(i + 1))" }

        // The user's channels.
        var chosen: [Int: (channel: MIDIChannel, request: String)] = [:]
        var firstOnChannel: [MIDIChannel: Int] = [:]
        for request in requests {
            for i in try Self.instruments(matching: request, in: instruments) {
                if let earlier = chosen[i] {
                    if earlier.channel == request.channel { continue }
                    throw ChannelRequestError(request: request.text, reason: "\(label(i)) is already put on "
                        + "channel \(earlier.channel) by \"\(earlier.request)\"")
                }
                if let other = firstOnChannel[request.channel], resolved[other].choice != resolved[i].choice {
                    throw ChannelRequestError(request: request.text, reason: "\(label(i)) plays "
                        + "\(Self.sound(resolved[i].choice)) but \(label(other)) on channel \(request.channel) plays "
                        + "\(Self.sound(resolved[other].choice)), and a channel plays one program at a time: "
                        + "give them different channels, or one program with --program")
                }
                chosen[i] = (request.channel, request.text)
                if firstOnChannel[request.channel] == nil { firstOnChannel[request.channel] = i }
            }
        }
        for i in instruments.indices {
            guard let (channel, request) = chosen[i] else { continue }
            let isDrum = resolved[i].choice == .drums
            if !isDrum && channel == .drums {
                warnings.append("\(label(i)) is on channel 10 as asked (\"\(request)\"): General MIDI synths, "
                    + "FluidSynth included, play channel 10 as drums, not as \(Self.sound(resolved[i].choice))")
            } else if isDrum && channel != .drums {
                warnings.append("the drums \(label(i)) are on channel \(channel) as asked (\"\(request)\"): "
                    + "General MIDI synths play drums only on channel 10, so only a synth set to play drums "
                    + "on channel \(channel) plays them as drums")
            }
        }

        // Automatic drums go to channel 10, unless a melodic instrument was put there.
        let automaticDrums = instruments.indices.filter { chosen[$0] == nil && resolved[$0].choice == .drums }
        if let drum = automaticDrums.first, let holder = firstOnChannel[.drums], resolved[holder].choice != .drums {
            throw ChannelRequestError(request: chosen[holder]!.request, reason: "channel 10 is where the drums "
                + "\(label(drum)) play: put them on another channel too, e.g. \"\(drum + 1)=N\"")
        }

        // Automatic melodic instruments take the free channels, sharing only beyond them.
        let automatic = instruments.indices.filter { chosen[$0] == nil && resolved[$0].choice != .drums }
        let free = MIDIChannel.melodic.filter { firstOnChannel[$0] == nil }
        if !automatic.isEmpty && free.isEmpty {
            throw ChannelRequestError(request: nil, reason: "the chosen channels leave no melodic channel for "
                + label(automatic[0]) + (automatic.count > 1 ? " and \(automatic.count - 1) more" : "")
                + ": choose theirs too")
        }
        var groups = automatic.map { i in
            Group(members: [i], program: Self.program(resolved[i].choice), notes: instruments[i].notes.count)
        }
        if groups.count > free.count {
            groups = Self.share(groups, into: free.count)
        }
        var automaticChannel: [Int: (channel: MIDIChannel, program: UInt8)] = [:]
        for (group, channel) in zip(groups, free) {
            for i in group.members { automaticChannel[i] = (channel, group.program) }
            guard group.members.count > 1 else { continue }
            let program = Int(group.program)
            var warning = "\(automatic.count) melodic instruments for \(free.count) channels: "
                + Self.list(group.members.map(label)) + " share channel \(channel), playing "
                + "\(GeneralMIDI.programNames[program]) (program \(program))"
            let playingAnother = group.members.filter { resolved[$0].choice != .melodic(group.program) }
            if !playingAnother.isEmpty {
                warning += "; " + Self.list(playingAnother.map { "\(label($0)) would be \(Self.sound(resolved[$0].choice))" })
            }
            warnings.append(warning)
        }

        var assignments: [Assignment] = []
        var setups: [MIDIChannel: ChannelSetup] = [:]
        for (i, r) in resolved.enumerated() {
            let channel: MIDIChannel
            let program: UInt8
            if let (c, _) = chosen[i] {
                channel = c
                program = r.choice == .drums ? 0 : Self.program(r.choice)
            } else if r.choice == .drums {
                channel = .drums
                program = 0
            } else {
                (channel, program) = automaticChannel[i]!
            }
            assignments.append(Assignment(name: instruments[i].name, choice: r.choice, source: r.source,
                                          channel: channel, program: program))
            setups[channel] = ChannelSetup(channel: channel, program: program, isDrum: r.choice == .drums)
        }
        self.assignments = assignments
        self.channels = setups.values.sorted { $0.channel < $1.channel }
        self.warnings = warnings
    }

    /// Each instrument's program choice, warning once per name that is guessed or not recognised.
    private static func resolve(_ instruments: [Instrument], overrides: [String: ProgramChoice],
                                warnings: inout [String]) -> [(choice: ProgramChoice, source: MappingSource)] {
        let normalizedOverrides = Dictionary(overrides.map { (GeneralMIDI.normalize($0.key), $0.value) },
                                             uniquingKeysWith: { _, last in last })
        var resolved: [(choice: ProgramChoice, source: MappingSource)] = []
        var warnedNames: Set<String> = []
        for instrument in instruments {
            if let choice = normalizedOverrides[GeneralMIDI.normalize(instrument.name)] {
                resolved.append((choice, .override))
                continue
            }
            let r = InstrumentMapping.resolve(instrument.name)
            resolved.append(r)
            guard warnedNames.insert(instrument.name).inserted else { continue }
            switch r.source {
            case .guessed:
                warnings.append("\"\(instrument.name)\" is not a General MIDI name: playing it as \(r.choice)")
            case .fallback:
                warnings.append("\"\(instrument.name)\" is not a General MIDI name and was not recognised: "
                    + "playing it as \(r.choice); use --program \"\(instrument.name)=N\" to choose")
            case .generalMIDI, .override:
                break
            }
        }
        return resolved
    }

    /// The positions of the instruments a request names.
    private static func instruments(matching request: ChannelRequest,
                                    in instruments: [Instrument]) throws(ChannelRequestError) -> [Int] {
        do throws(InstrumentSelectionError) {
            return try request.target.positions(in: instruments.map(\.name))
        } catch {
            throw ChannelRequestError(request: request.text, reason: error.reason)
        }
    }

    /// Instruments that will share one channel, and the program it plays.
    struct Group {
        /// Instrument positions, ascending.
        var members: [Int]
        var program: UInt8
        var notes: Int

        var first: Int { members[0] }

        func joined(with other: Group) -> Group {
            // The program of the one with more notes: most of what is heard stays right.
            let keeps = notes != other.notes ? (notes > other.notes ? self : other) : (first < other.first ? self : other)
            return Group(members: (members + other.members).sorted(), program: keeps.program, notes: notes + other.notes)
        }
    }

    /// Joins groups until there are `capacity` (at least 1), as the type's
    /// documentation says; the result is in the order of each group's first instrument.
    static func share(_ groups: [Group], into capacity: Int) -> [Group] {
        precondition(capacity > 0, "sharing needs at least one channel")
        var count = groups.count
        // Same program first: per program, groups by ascending notes (ties in task order).
        var byProgram: [UInt8: [Group]] = [:]
        for group in groups { byProgram[group.program, default: []].append(group) }
        let before = { (a: Group, b: Group) in a.notes != b.notes ? a.notes < b.notes : a.first < b.first }
        for program in byProgram.keys { byProgram[program]!.sort(by: before) }
        while count > capacity {
            // The program whose two smallest groups are smallest together.
            var best: (program: UInt8, notes: Int, first: Int)?
            for (program, list) in byProgram where list.count > 1 {
                let candidate = (program, list[0].notes + list[1].notes, min(list[0].first, list[1].first))
                if best == nil || (candidate.1, candidate.2) < (best!.notes, best!.first) { best = candidate }
            }
            guard let program = best?.program else { break }
            var list = byProgram[program]!
            let joined = list[0].joined(with: list[1])
            list.removeFirst(2)
            list.insert(joined, at: list.firstIndex { before(joined, $0) } ?? list.endIndex)
            byProgram[program] = list
            count -= 1
        }
        var result = byProgram.values.flatMap { $0 }.sorted { $0.first < $1.first }

        // Then across programs (now one group per program, so at most 128).
        while result.count > capacity {
            var best: (i: Int, j: Int, key: (Int, Int, Int, Int))?
            for i in result.indices {
                for j in result.indices where j > i {
                    let (a, b) = (result[i], result[j])
                    let key = (GeneralMIDI.family(of: a.program) == GeneralMIDI.family(of: b.program) ? 0 : 1,
                               min(a.notes, b.notes), abs(Int(a.program) - Int(b.program)), a.first)
                    if best == nil || key < best!.key { best = (i, j, key) }
                }
            }
            let (i, j, _) = best!
            result[i] = result[i].joined(with: result[j])
            result.remove(at: j)
        }
        return result
    }

    private static func program(_ choice: ProgramChoice) -> UInt8 {
        if case .melodic(let p) = choice { return p }
        return 0
    }

    private static func sound(_ choice: ProgramChoice) -> String {
        switch choice {
        case .melodic(let p): return "\(GeneralMIDI.programNames[Int(p)]) (program \(p))"
        case .drums: return "the drum kit"
        }
    }

    /// "a", "a and b", "a, b and c".
    private static func list(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + items.last!
    }
}
