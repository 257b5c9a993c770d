/// Where an instant on CLOCK_MONOTONIC falls on the synth's sample clock
/// while an audio driver renders it in periods.
///
/// Each time the driver asks for a period, the audio thread notes when it
/// began (on CLOCK_MONOTONIC) and how far the samples will then have been
/// rendered. The offset between the two clocks is the largest such
/// difference seen: a call that starts late only makes it smaller. An event
/// due at instant `t` goes to the sample at `t + offset + margin`, which
/// lies past everything rendered when it was due: so every event sounds
/// the same time after it was due, however the periods fall, and events
/// keep their spacing to the sample. The largest difference is let go by
/// `driftAllowance` (100 ppm) so that a sound card whose crystal runs slow
/// against the system clock is followed; and when a whole batch of periods
/// stays well below it, the audio stream has lost time (an underrun: the
/// card played silence while the synth was late) and the offset starts
/// again from that batch, or every later note would stay that much late.
struct AudioClock {
    let sampleRate: Double
    /// Nanoseconds added to every due time past the rendered samples: the
    /// scheduler's usual lateness, so that a message sent a little after it
    /// was due still finds its sample unrendered.
    static let margin: Int64 = 2_000_000
    static let driftAllowance = 1e-4

    /// The sample clock's time minus CLOCK_MONOTONIC, nanoseconds; nil before the first period.
    private(set) var offset: Int64?
    private var lastSeen: Int64 = 0
    /// Periods per batch, and how far below the offset a batch's best must stay to count as lost time.
    static let batch = 16
    static let step: Int64 = 5_000_000
    private var batchBest: Int64 = .min
    private var batchCount = 0

    init(sampleRate: Double) { self.sampleRate = sampleRate }

    /// A period was asked for at `instant`; when it is rendered, the synth
    /// will have produced `renderedThrough` frames since it started.
    mutating func observe(renderedThrough frames: Int64, at instant: Int64) {
        let seen = Int64((Double(frames) / sampleRate * 1e9).rounded()) - instant
        if let current = offset {
            let relaxed = current - Int64(Double(instant - lastSeen) * Self.driftAllowance)
            offset = max(seen, relaxed)
        } else {
            offset = seen
        }
        lastSeen = instant
        batchBest = max(batchBest, seen)
        batchCount += 1
        if batchCount == Self.batch {
            if let current = offset, batchBest < current - Self.step { offset = batchBest }
            batchBest = .min
            batchCount = 0
        }
    }

    /// The frame at which an event due at `instant` sounds, given the published `offset`.
    static func frame(dueAt instant: Int64, offset: Int64, sampleRate: Double) -> Int64 {
        Int64((Double(instant + offset + margin) * sampleRate / 1e9).rounded())
    }
}
