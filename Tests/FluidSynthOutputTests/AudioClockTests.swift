@testable import FluidSynthOutput
import Testing

/// The offset between CLOCK_MONOTONIC and the synth's sample clock, from the
/// instants the audio thread is asked for periods.
@Suite struct AudioClockTests {
    let rate = 48_000.0
    /// 1024-frame periods: 21.333 ms.
    let period: Int64 = 21_333_333

    @Test func theOffsetIsTheEarliestCallsAndLateCallsDoNotMoveIt() {
        var clock = AudioClock(sampleRate: rate)
        // Period k asked for at 1 s + k periods, some 0.1–3 ms late; rendered through (k + 1) × 1024 frames.
        let lateness: [Int64] = [0, 3_000_000, 100_000, 2_000_000, 0, 500_000]
        for (k, late) in lateness.enumerated() {
            clock.observe(renderedThrough: Int64(k + 1) * 1024, at: 1_000_000_000 + Int64(k) * period + late)
        }
        // The end of period k on the sample clock is (k + 1) × 21.333 ms: the offset holds the on-time calls.
        let expected = Int64((1024 / rate * 1e9).rounded()) - 1_000_000_000
        #expect(abs(clock.offset! - expected) < 10_000, "\(clock.offset!) vs \(expected)")
    }

    @Test func anEventGoesPastWhatIsRenderedAndKeepsItsSpacing() {
        var clock = AudioClock(sampleRate: rate)
        clock.observe(renderedThrough: 1024, at: 1_000_000_000)
        let offset = clock.offset!
        // Due at the instant of the call: after the period being rendered, by the margin.
        let frame = AudioClock.frame(dueAt: 1_000_000_000, offset: offset, sampleRate: rate)
        #expect(frame == 1024 + 96)  // 2 ms at 48 kHz
        // Two events 10.5 ms apart land 504 frames apart, whatever the period.
        let later = AudioClock.frame(dueAt: 1_010_500_000, offset: offset, sampleRate: rate)
        #expect(later - frame == 504)
    }

    @Test func aSlowSoundCardIsFollowed() {
        // The card's clock runs 50 ppm slow against the system's: the best
        // difference seen falls by 50 µs a second, and the offset follows within 0.1 ms.
        var clock = AudioClock(sampleRate: rate)
        var instant: Int64 = 1_000_000_000
        var frames: Int64 = 0
        for _ in 0..<(60 * 47) {  // a minute of periods
            frames += 1024
            instant += Int64(Double(period) * (1 + 50e-6))
            clock.observe(renderedThrough: frames, at: instant)
        }
        let truth = Int64((Double(frames) / rate * 1e9).rounded()) - instant
        #expect(clock.offset! - truth < 100_000 && clock.offset! >= truth, "\(clock.offset! - truth) ns")
    }

    @Test func afterAnUnderrunTheOffsetStartsAgain() {
        // 90 ms of audio lost at period 100: every later period's samples come 90 ms
        // later on the system clock. Within a batch of periods the offset follows.
        var clock = AudioClock(sampleRate: rate)
        var frames: Int64 = 0
        for k in 0..<140 {
            frames += 1024
            let instant = 1_000_000_000 + Int64(k) * period + (k >= 100 ? 90_000_000 : 0)
            clock.observe(renderedThrough: frames, at: instant)
        }
        let truth = Int64((Double(frames) / rate * 1e9).rounded()) - (1_000_000_000 + 139 * period + 90_000_000)
        #expect(abs(clock.offset! - truth) < 100_000, "\(clock.offset! - truth) ns")
    }
}
