import MIDITask

/// The order of events that share a time.
///
/// Set-up (bank select, program change) comes first so notes sound with the
/// right program; note-offs before note-ons so a key released and struck at
/// the same instant sounds again; then the order of the task. Packed into one
/// integer so the sort compares two integers per pair and is deterministic.
enum EventOrder {
    case setup
    case noteOff
    case noteOn

    var rank: UInt64 {
        switch self {
        case .setup: return 0
        case .noteOff: return 1
        case .noteOn: return 2
        }
    }

    /// The tie-break key: rank in the top bits, then `sequence`.
    func key(_ sequence: UInt32) -> UInt64 { rank << 32 | UInt64(sequence) }
}

/// Collects events with their tie-break keys, then sorts them once.
struct EventBuilder {
    private var pending: [(order: UInt64, event: TimelineEvent)] = []
    private var setupSequence: UInt32 = 0

    mutating func add(_ event: TimelineEvent, order: EventOrder, sequence: UInt32? = nil) {
        let seq: UInt32
        if let sequence {
            seq = sequence
        } else {
            seq = setupSequence
            setupSequence += 1
        }
        pending.append((order.key(seq), event))
    }

    /// Emits the notes of one (channel, key), applying the overlap rule.
    /// Returns the number of note-ons emitted.
    mutating func addKey(_ refs: [NoteRef], channel: MIDIChannel, key: UInt8, task: MIDITask) -> Int {
        @inline(__always) func note(_ r: NoteRef) -> Note { task.instruments[Int(r.instrument)].notes[Int(r.index)] }
        // Usually already in start order; the sort is stable for equal starts.
        var refs = refs
        if zip(refs, refs.dropFirst()).contains(where: { note($0).start > note($1).start }) {
            refs.sort { note($0).start != note($1).start ? note($0).start < note($1).start : $0.ordinal < $1.ordinal }
        }
        var count = 0
        var sounding = false
        var heldEnd: Int64 = 0
        var holder = refs[0]
        var lastOnTime: Int64 = -1
        var lastOnIndex = 0
        for ref in refs {
            let n = note(ref)
            let end = max(n.end, n.start + Timeline.minimumNoteLength)
            if sounding && n.start == lastOnTime {
                // Struck together: one note, the louder velocity, the longer end.
                pending[lastOnIndex].event.data2 = max(pending[lastOnIndex].event.data2, n.midiVelocity)
                if end > heldEnd { heldEnd = end; holder = ref }
                continue
            }
            if sounding && n.start <= heldEnd {
                // Retrigger. The note-off goes with the new note's track, so a
                // MIDI file player reading track by track keeps off before on.
                add(.noteOff(n.start, channel, key: key, track: ref.instrument), order: .noteOff, sequence: ref.ordinal)
                if end >= heldEnd { heldEnd = end; holder = ref }
            } else {
                if sounding {
                    add(.noteOff(heldEnd, channel, key: key, track: holder.instrument), order: .noteOff, sequence: holder.ordinal)
                }
                sounding = true
                heldEnd = end
                holder = ref
            }
            lastOnTime = n.start
            lastOnIndex = pending.count
            add(.noteOn(n.start, channel, key: key, velocity: n.midiVelocity, track: ref.instrument),
                order: .noteOn, sequence: ref.ordinal)
            count += 1
        }
        if sounding {
            add(.noteOff(heldEnd, channel, key: key, track: holder.instrument), order: .noteOff, sequence: holder.ordinal)
        }
        return count
    }

    func sorted() -> [TimelineEvent] {
        pending.sorted { a, b in
            a.event.time != b.event.time ? a.event.time < b.event.time : a.order < b.order
        }.map(\.event)
    }
}
