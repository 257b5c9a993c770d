import Synchronization

/// The mailbox between the threads controlling playback and the scheduler.
///
/// All atomics: a control call never blocks, and the scheduler's hot path
/// reads one integer (`generation`) per wake-up to learn whether anything
/// changed. Requests are states, not a queue: the latest pause/resume, tempo
/// and seek win, which is what a user pressing keys expects.
final class Transport: Sendable {
    /// Bumped after every request, so the scheduler looks at the rest only then.
    let generation = Atomic<UInt64>(0)
    let stopRequested = Atomic<Bool>(false)
    let pauseRequested = Atomic<Bool>(false)
    /// Song time to jump to, in nanoseconds; `noSeek` when none is pending.
    let seekTarget = Atomic<Int64>(Transport.noSeek)
    /// The tempo factor's bit pattern (a `Double`).
    let tempoBits: Atomic<UInt64>

    /// Published by the scheduler for progress displays: song time, nanoseconds.
    let position = Atomic<Int64>(0)
    /// Published by the scheduler: the instant song time `startOffset` was due.
    let startInstant = Atomic<Int64>(Int64.min)
    let paused = Atomic<Bool>(false)
    let ended = Atomic<Bool>(false)

    static let noSeek = Int64.min

    init(tempo: Double) { tempoBits = Atomic(tempo.bitPattern) }

    func post() { generation.add(1, ordering: .releasing) }

    var tempo: Double { Double(bitPattern: tempoBits.load(ordering: .relaxed)) }
}
