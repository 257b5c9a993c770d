import Synchronization

/// The real clock: CLOCK_MONOTONIC, with a precise wait for deadlines.
///
/// A plain `clock_nanosleep` wakes tens to hundreds of microseconds late,
/// so `sleep(until:)` sleeps until shortly before the deadline (the spin
/// margin) and waits out the rest by reading the clock in a loop. The cost
/// is processor time: about one margin of spinning per deadline.
///
/// The adaptive margin follows how late the kernel's wake-ups have been
/// recently (a slowly decaying maximum of the overshoot), so it shrinks on
/// a quiet or real-time thread and grows on a loaded machine.
public final class MonotonicClock: PlaybackClock {
    public enum WakePolicy: Sendable, Equatable {
        /// Only `clock_nanosleep` to the deadline; no spinning. The baseline.
        case sleepOnly
        /// Sleep until `margin` before the deadline, then spin.
        case spin(margin: TimeAmount)
        /// Like `spin`, with the margin learned from observed wake-up lateness.
        case adaptiveSpin
    }

    public let policy: WakePolicy
    /// Current margin in nanoseconds; the adaptive policy updates it (relaxed:
    /// only the scheduler thread writes it, others only read it for reports).
    private let margin: Atomic<Int64>
    /// Decaying maximum of the kernel's wake-up lateness, in nanoseconds.
    private let overshoot: Atomic<Int64>

    static let initialMargin: Int64 = 250_000
    static let minimumMargin: Int64 = 60_000
    static let maximumMargin: Int64 = 2_000_000
    /// Below this much time left, spinning stops yielding: a yield can lose
    /// the processor for longer than what is left.
    static let yieldThreshold: Int64 = 40_000

    public init(policy: WakePolicy = .adaptiveSpin) {
        self.policy = policy
        switch policy {
        case .sleepOnly: margin = Atomic(0)
        case .spin(let m): margin = Atomic(max(0, m.nanoseconds))
        case .adaptiveSpin: margin = Atomic(Self.initialMargin)
        }
        overshoot = Atomic(Self.initialMargin / 2)
    }

    /// The margin now in use before each deadline.
    public var spinMargin: TimeAmount { .nanoseconds(margin.load(ordering: .relaxed)) }

    public func now() -> MonotonicInstant { MonotonicInstant(nanoseconds: Syscalls.monotonicNow()) }

    public func idle(until deadline: MonotonicInstant) {
        Syscalls.sleepUntilMonotonic(deadline.nanoseconds)
    }

    public func sleep(until deadline: MonotonicInstant) {
        let target = deadline.nanoseconds
        let m = margin.load(ordering: .relaxed)
        var now = Syscalls.monotonicNow()
        if target &- now > m {
            let wakeAt = target &- m
            Syscalls.sleepUntilMonotonic(wakeAt)
            now = Syscalls.monotonicNow()
            if policy == .adaptiveSpin { learn(lateness: now &- wakeAt) }
        }
        if policy == .sleepOnly {
            // The baseline: whatever the kernel gave, without waiting out the rest.
            if now < target { Syscalls.sleepUntilMonotonic(target) }
            return
        }
        while now < target {
            if target &- now > Self.yieldThreshold { Syscalls.yield() }
            now = Syscalls.monotonicNow()
        }
    }

    /// Folds one wake-up's lateness into the estimate and sets the margin to
    /// cover it with room to spare.
    private func learn(lateness: Int64) {
        var estimate = overshoot.load(ordering: .relaxed)
        // Decays by 1/128 per wake-up: a spike is remembered for a few hundred events.
        estimate = max(lateness, estimate &- estimate / 128)
        overshoot.store(estimate, ordering: .relaxed)
        let wanted = estimate + estimate / 2 + 20_000
        margin.store(min(Self.maximumMargin, max(Self.minimumMargin, wanted)), ordering: .relaxed)
    }
}
