// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

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
    /// Published by the scheduler: the instant playback's starting position was
    /// due (monotonic nanoseconds; `Int64.min` until then).
    let startInstant = Atomic<Int64>(Int64.min)
    let paused = Atomic<Bool>(false)
    let ended = Atomic<Bool>(false)

    /// Requests too large for one atomic: which instruments are silent, and
    /// the loop. Written under the lock by control calls (a copy of a few
    /// bytes); the scheduler only ever tries the lock, and tries again on its
    /// next turn when a control call holds it, so it never waits.
    let live: Mutex<LiveRequests>
    /// Bumped after each change to `live`.
    let liveVersion = Atomic<UInt64>(0)

    static let noSeek = Int64.min

    /// Rung with every request, to wake a scheduler idling until its next event.
    let doorbell = Doorbell()

    init(tempo: Double, instrumentCount: Int, loop: Player.Options.LoopRange?) {
        tempoBits = Atomic(tempo.bitPattern)
        live = Mutex(LiveRequests(silent: [Bool](repeating: false, count: instrumentCount), loop: loop))
    }

    func post() {
        generation.add(1, ordering: .releasing)
        doorbell.ring()
    }

    var tempo: Double { Double(bitPattern: tempoBits.load(ordering: .relaxed)) }

    /// Changes the live requests and tells the scheduler.
    func changeLive(_ body: (inout LiveRequests) -> Void) {
        live.withLock { body(&$0) }
        liveVersion.add(1, ordering: .releasing)
        post()
    }
}

/// What the live controls ask for beyond pause, seek and tempo.
struct LiveRequests {
    /// Indexed by instrument (timeline track): true when its notes are not to sound.
    var silent: [Bool]
    /// The section played over and over, or nil to play through.
    var loop: Player.Options.LoopRange?
}
