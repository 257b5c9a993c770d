import MIDIWire
import MIDITask

/// Which channel and program each instrument of a task plays on.
///
/// Instruments with the same program share a channel; the drum kit is on
/// channel 10. MIDI has only 15 other channels: when a task needs more
/// programs than that, the programs with the most notes keep their own
/// channel, and each remaining one folds onto the channel of the program
/// nearest to it in number, preferring one of the same GM family (so an
/// extra guitar plays as another guitar), with a warning naming the fold.
public struct ChannelPlan: Sendable {
    /// How one instrument is played.
    public struct Assignment: Sendable, Hashable {
        public var name: String
        public var choice: ProgramChoice
        public var source: MappingSource
        public var channel: MIDIChannel
        /// The program the channel actually plays (differs from `choice` only after a fold).
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

    /// Plans the channels for `instruments`. `overrides` maps instrument
    /// names (compared case- and punctuation-insensitively) to a choice.
    public init(instruments: [Instrument], overrides: [String: ProgramChoice] = [:]) {
        var warnings: [String] = []
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

        // Programs in order of first appearance, with their note counts.
        var order: [UInt8] = []
        var notesPerProgram: [UInt8: Int] = [:]
        for (i, r) in resolved.enumerated() {
            guard case .melodic(let program) = r.choice else { continue }
            if notesPerProgram[program] == nil { order.append(program) }
            notesPerProgram[program, default: 0] += instruments[i].notes.count
        }
        let capacity = MIDIChannel.melodic.count
        let keep: Set<UInt8> = Set(order.enumerated()
            .sorted { a, b in
                let (na, nb) = (notesPerProgram[a.element]!, notesPerProgram[b.element]!)
                return na != nb ? na > nb : a.offset < b.offset
            }
            .prefix(capacity).map(\.element))
        var channelOf: [UInt8: MIDIChannel] = [:]
        var nextChannel = 0
        for program in order where keep.contains(program) {
            channelOf[program] = MIDIChannel.melodic[nextChannel]
            nextChannel += 1
        }
        var foldedTo: [UInt8: UInt8] = [:]
        for program in order where !keep.contains(program) {
            let target = keep.min { a, b in
                let sameA = GeneralMIDI.family(of: a) == GeneralMIDI.family(of: program)
                let sameB = GeneralMIDI.family(of: b) == GeneralMIDI.family(of: program)
                if sameA != sameB { return sameA }
                let (da, db) = (abs(Int(a) - Int(program)), abs(Int(b) - Int(program)))
                return da != db ? da < db : a < b
            }!
            foldedTo[program] = target
            channelOf[program] = channelOf[target]
            warnings.append("MIDI has 15 melodic channels but the task needs \(order.count) programs: "
                + "\(GeneralMIDI.programNames[Int(program)]) (program \(program)) plays on channel "
                + "\(channelOf[target]!) as \(GeneralMIDI.programNames[Int(target)]) (program \(target))")
        }

        var assignments: [Assignment] = []
        var setups: [MIDIChannel: ChannelSetup] = [:]
        for (i, r) in resolved.enumerated() {
            let channel: MIDIChannel
            let program: UInt8
            switch r.choice {
            case .drums:
                channel = .drums
                program = 0
            case .melodic(let p):
                channel = channelOf[p]!
                program = foldedTo[p] ?? p
            }
            assignments.append(Assignment(name: instruments[i].name, choice: r.choice, source: r.source,
                                          channel: channel, program: program))
            setups[channel] = ChannelSetup(channel: channel, program: program, isDrum: r.choice == .drums)
        }
        self.assignments = assignments
        self.channels = setups.values.sorted { $0.channel < $1.channel }
        self.warnings = warnings
    }
}
