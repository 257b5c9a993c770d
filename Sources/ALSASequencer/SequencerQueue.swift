// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CALSA
import Glibc

/// A sequencer queue of our client's: the kernel holds timestamped events in
/// it and sends each when the queue's timer reaches its time, whatever our
/// threads are doing (aplaymidi plays through one).
///
/// Freed in `deinit`; closing the client frees it too, with whatever it still
/// holds (so a killed process leaves nothing queued behind). Used by one
/// thread at a time, like its client.
final class SequencerQueue {
    let client: SequencerClient
    let id: Int32
    /// The timer it runs on.
    let timer: QueueTimer

    /// Creates the queue, puts it on the high-resolution timer where the
    /// kernel has one (snd-hrtimer), else on the system timer, and starts it.
    init(client: SequencerClient, name: String) throws(ALSAError) {
        self.client = client
        id = try check(LibASound.allocQueue(client.handle, name: name), "allocate a sequencer queue")
        do throws(ALSAError) {
            // The high-resolution timer module loads on demand where modules can;
            // refused (no module, a container), the queue keeps the system timer.
            if LibASound.setQueueTimer(client.handle, id, globalDevice: SND_TIMER_GLOBAL_HRTIMER,
                                       frequency: QueueTimer.highResolutionFrequency) >= 0 {
                timer = .highResolution
            } else {
                _ = LibASound.setQueueTimer(client.handle, id, globalDevice: SND_TIMER_GLOBAL_SYSTEM, frequency: 0)
                timer = .system
            }
            try check(LibASound.startQueue(client.handle, id), "start the sequencer queue")
            try client.drain()
        } catch {
            _ = LibASound.freeQueue(client.handle, id)
            throw error
        }
    }

    deinit {
        _ = LibASound.freeQueue(client.handle, id)
    }

    /// The queue's running time, nanoseconds since it started.
    func now() throws(ALSAError) -> Int64 {
        let time = LibASound.queueRealTime(client.handle, id)
        if time < 0 { try check(Int32(clamping: time), "read the sequencer queue's time") }
        return time
    }

    /// Takes out of the queue every event of ours due at or after `time`
    /// (queue nanoseconds; 0 or less: all of them) that has not been sent.
    func remove(from time: Int64) throws(ALSAError) {
        try check(LibASound.removeQueuedEvents(client.handle, id, fromNanoseconds: time), "remove queued events")
    }
}

/// The timer a sequencer queue runs on: it sends a queued event at its first tick at or after the event's time.
public enum QueueTimer: Sendable, Equatable, CustomStringConvertible {
    /// snd-hrtimer, ticking every millisecond.
    case highResolution
    /// The kernel's jiffies (4 ms ticks on a 250 Hz kernel).
    case system

    /// Ticks a second asked of the high-resolution timer: the sequencer's
    /// default, as aplaymidi's queue gets. Measured in the VM (8 s band, no
    /// load), onset error median 0.10 ms at 1000 Hz against aplaymidi's 0.11;
    /// at 6250 Hz (the most it allows) 0.28 ms, and under load far worse: the
    /// ticks themselves cost too much there.
    static let highResolutionFrequency: UInt32 = 1000

    public var description: String {
        switch self {
        case .highResolution: "high-resolution timer"
        case .system: "system timer"
        }
    }
}
