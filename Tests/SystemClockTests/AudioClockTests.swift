// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock
import Testing

/// The offset between CLOCK_MONOTONIC and the synth's sample clock, from the
/// instants the audio thread is asked for periods.
@Suite struct AudioClockTests {
    let rate = 48_000.0
    /// 1024-frame periods: 21.333 ms.
    let period: Int64 = 21_333_333

    /// The true offset when `frames` are rendered by a call at `instant` on time.
    func truth(_ frames: Int64, _ instant: Int64) -> Int64 { Int64((Double(frames) / rate * 1e9).rounded()) - instant }

    @Test func theWarmUpTakesTheMostPunctualCall() {
        var clock = AudioClock(sampleRate: rate)
        // Periods asked for 1.5, 0.1 and 3 ms late.
        for (k, late) in [1_500_000, 100_000, 3_000_000].enumerated() {
            clock.observe(renderedThrough: Int64(k + 1) * 1024, at: 1_000_000_000 + Int64(k) * period + Int64(late))
        }
        #expect(abs(clock.nanoseconds! - (truth(1024, 1_000_000_000) - 100_000)) <= 1)
    }

    @Test func aMorePunctualCallLaterDoesNotMoveTheNotes() {
        // After the warm-up (calls 2 ms late), calls come on time: the offset
        // moves toward them by at most 100 ppm, not by the 2 ms at once.
        var clock = AudioClock(sampleRate: rate)
        var frames: Int64 = 0
        var offsets: [Int64] = []
        for k in 0..<200 {
            frames += 1024
            clock.observe(renderedThrough: frames, at: 1_000_000_000 + Int64(k) * period + (k < 3 ? 2_000_000 : 0))
            offsets.append(clock.nanoseconds!)
        }
        let steps = zip(offsets, offsets.dropFirst()).map { abs($1 - $0) }
        #expect(steps.max()! <= 40_000, "the offset moved \(steps.max()!) ns in one period")
        #expect(offsets.last! > offsets[2], "it does follow, slowly")
    }

    @Test func anEventGoesPastWhatIsRenderedAndKeepsItsSpacing() {
        var clock = AudioClock(sampleRate: rate)
        clock.observe(renderedThrough: 1024, at: 1_000_000_000)
        let offset = clock.nanoseconds!
        // Due at the instant of the call: after the period being rendered, by margin and safety (6 ms).
        let frame = AudioClock.frame(dueAt: 1_000_000_000, offset: offset, sampleRate: rate)
        #expect(frame == 1024 + 288)
        // Two events 10.5 ms apart land 504 frames apart, whatever the period.
        let later = AudioClock.frame(dueAt: 1_010_500_000, offset: offset, sampleRate: rate)
        #expect(later - frame == 504)
    }

    @Test func aSlowSoundCardIsFollowed() {
        // The card's clock runs 50 ppm slow against the system's: the offset
        // falls by 50 µs a second and follows within 0.2 ms, without jumps.
        var clock = AudioClock(sampleRate: rate)
        var instant: Int64 = 1_000_000_000
        var frames: Int64 = 0
        for _ in 0..<(60 * 47) {  // a minute of periods
            frames += 1024
            instant += Int64(Double(period) * (1 + 50e-6))
            clock.observe(renderedThrough: frames, at: instant)
        }
        let error = clock.nanoseconds! - truth(frames, instant)
        #expect(abs(error) < 200_000, "\(error) ns")
    }

    @Test func afterAnUnderrunTheOffsetStartsAgain() {
        // 90 ms of audio lost at period 100: every later period's samples come 90 ms
        // later on the system clock. Within two batches the offset follows.
        var clock = AudioClock(sampleRate: rate)
        var frames: Int64 = 0
        var instant: Int64 = 0
        for k in 0..<140 {
            frames += 1024
            instant = 1_000_000_000 + Int64(k) * period + (k >= 100 ? 90_000_000 : 0)
            clock.observe(renderedThrough: frames, at: instant)
        }
        #expect(abs(clock.nanoseconds! - truth(frames, instant)) < 100_000, "\(clock.nanoseconds! - truth(frames, instant)) ns")
    }

    @Test func whileLearningTheMostPunctualCallWins() {
        // Before any note is placed, a punctual call 4 ms better than the
        // warm-up's moves the offset at once; after, it does not.
        var clock = AudioClock(sampleRate: rate)
        var frames: Int64 = 0
        func period(_ k: Int, late: Int64, learning: Bool) {
            frames += 1024
            clock.observe(renderedThrough: frames, at: 1_000_000_000 + Int64(k) * self.period + late, learning: learning)
        }
        for k in 0..<3 { period(k, late: 5_000_000, learning: true) }
        period(3, late: 1_000_000, learning: true)
        #expect(abs(clock.nanoseconds! - (truth(frames, 1_000_000_000 + 3 * self.period) - 1_000_000)) <= 1)
        let held = clock.nanoseconds!
        for k in 4..<20 { period(k, late: 0, learning: false) }
        #expect(clock.nanoseconds! - held <= 40_000, "a 1 ms better call moved the placed notes by \(clock.nanoseconds! - held) ns")
    }
}

/// The tests speak nanoseconds, as the figures they check are written.
private extension AudioClock {
    mutating func observe(renderedThrough frames: Int64, at instant: Int64, learning: Bool = false) {
        observe(renderedThrough: frames, at: MonotonicInstant(nanoseconds: instant), learning: learning)
    }

    var nanoseconds: Int64? { offset?.nanoseconds }

    static func frame(dueAt instant: Int64, offset: Int64, sampleRate: Double) -> Int64 {
        frame(dueAt: MonotonicInstant(nanoseconds: instant), offset: .nanoseconds(offset), sampleRate: sampleRate)
    }
}
