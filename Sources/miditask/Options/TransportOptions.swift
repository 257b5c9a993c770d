import ArgumentParser
import MIDITask
import Playback
import Sequencer

/// What part of the task `play` plays, how fast, and with which instruments.
struct TransportOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Speed factor, 0.25–4 (2 plays twice as fast).", valueName: "FACTOR"))
    var tempo: Double = 1

    @Option(help: ArgumentHelp("Start this many seconds into the song.", valueName: "SECONDS"))
    var start: Double?

    @Option(help: ArgumentHelp("Stop this many seconds into the song.", valueName: "SECONDS"))
    var end: Double?

    @Option(help: ArgumentHelp(
        "Play a section over and over until stopped: START:END in seconds (either side may be left out: "
            + "\"8:\" loops from 8 s to the end), or \"all\" for the whole song.",
        valueName: "START:END|all"))
    var loop: String?

    @Option(help: "Semitones to transpose melodic instruments by (drums stay).")
    var transpose: Int = 0

    @Option(name: .customLong("mute"), parsing: .singleValue,
            help: ArgumentHelp("Leave out an instrument, by name or by its number in `miditask info`. Repeatable.",
                               valueName: "NAME|INDEX"))
    var mutes: [String] = []

    @Option(name: .customLong("solo"), parsing: .singleValue,
            help: ArgumentHelp("Play only this instrument (by name or number); repeat to keep several.",
                               valueName: "NAME|INDEX"))
    var solos: [String] = []

    @Flag(help: "Show no progress line.")
    var quiet = false

    func validate() throws {
        guard Player.Options.tempoRange.contains(tempo) else {
            throw ValidationError("--tempo \(tempo): the factor must be within 0.25–4")
        }
        if let start, !(start.isFinite && start >= 0) {
            throw ValidationError("--start \(start): expected a number of seconds, 0 or more")
        }
        if let end, !(end.isFinite && end > 0) {
            throw ValidationError("--end \(end): expected a number of seconds, more than 0")
        }
        if let start, let end, end <= start {
            throw ValidationError("--end \(end) must come after --start \(start)")
        }
        guard (-127...127).contains(transpose) else {
            throw ValidationError("--transpose \(transpose): expected semitones within -127…127")
        }
        if loop != nil, let end {
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

    /// Indices of the instruments `--mute` and `--solo` leave out.
    ///
    /// A name matches every instrument of that name (as `--program` matches
    /// them); a number is the instrument's line in `miditask info`, from 1.
    func mutedInstruments(of task: MIDITask) throws -> Set<Int> {
        var muted = try Set(mutes.flatMap { try instruments(named: $0, in: task, option: "--mute") })
        if !solos.isEmpty {
            let kept = try Set(solos.flatMap { try instruments(named: $0, in: task, option: "--solo") })
            muted.formUnion(task.instruments.indices.filter { !kept.contains($0) })
        }
        return muted
    }

    private func instruments(named spec: String, in task: MIDITask, option: String) throws -> [Int] {
        if let number = Int(spec) {
            guard (1...task.instruments.count).contains(number) else {
                throw ValidationError("\(option) \(number): the task has instruments 1–\(task.instruments.count)"
                    + (task.instruments.isEmpty ? " (none)" : ""))
            }
            return [number - 1]
        }
        let wanted = GeneralMIDI.normalize(spec)
        let matches = task.instruments.indices.filter { GeneralMIDI.normalize(task.instruments[$0].name) == wanted }
        guard !matches.isEmpty else {
            let known = task.instruments.map { "\"\($0.name)\"" }.joined(separator: ", ")
            throw ValidationError("\(option): the task has no instrument named \"\(spec)\" (it has \(known.isEmpty ? "none" : known))")
        }
        return matches
    }

    /// The player's options for a timeline lasting `duration` nanoseconds.
    ///
    /// An end past the song is kept to the song's end; a start at or past it
    /// is an error, since nothing would play.
    func playerOptions(duration: Int64) throws -> Player.Options {
        let songEnd = TimeAmount.nanoseconds(duration)
        let startAmount = start.map { TimeAmount.seconds($0) }
        if let startAmount, startAmount >= songEnd {
            throw ValidationError("--start \(start!): the song lasts only \(InfoText.clock(songEnd.seconds))")
        }
        var loopRange: Player.Options.LoopRange?
        if let bounds = try loopBounds() {
            let loopStart = TimeAmount.seconds(bounds.start ?? 0)
            let loopEnd = bounds.end.map { TimeAmount.seconds($0) } ?? songEnd
            guard loopEnd - loopStart >= Player.Options.minimumLoopLength else {
                throw ValidationError("--loop \(loop!): the song lasts \(InfoText.clock(songEnd.seconds)), so the loop would be empty")
            }
            if let startAmount, startAmount >= loopEnd {
                throw ValidationError("--start \(start!) is past the loop's end (\(InfoText.clock(loopEnd.seconds))): the loop would never play")
            }
            loopRange = Player.Options.LoopRange(start: loopStart, end: loopEnd)
        }
        let endAmount = end.map { min(TimeAmount.seconds($0), songEnd) }
        if let startAmount, let endAmount, endAmount <= startAmount {
            throw ValidationError("--start \(start!): the song lasts only \(InfoText.clock(songEnd.seconds))")
        }
        return Player.Options(tempo: tempo, start: startAmount, end: endAmount, loop: loopRange)
    }
}
