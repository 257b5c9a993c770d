// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The beat-level choice's weights and thresholds, in one place (see
/// `TempoEstimator.salientLevel` for why each is what it is).
struct TempoTuning: Sendable {
    /// Whether the level is chosen by accent and preference where no drums or bass state the beat.
    var levelChoice = true
    /// Durational accent: a note weighs (1 − e^(−length/scale))², the scale in seconds.
    var durationScale = 0.5
    /// The tempo listeners feel most readily (BPM) and the width of that preference (octaves, one σ).
    ///
    /// Measured on the POP909 copy (tempo within 2 %, as written / transcribed; a grid of centres
    /// 80–110, widths 0.6–1.0 and duration scales 0.3–0.8, chosen on the even-numbered tens and
    /// checked on the odd): the even half alone prefers 80 BPM and 0.6 octave (87 / 90 % there,
    /// 73 / 73 % on the odd half, against 70 / 70 % for these values), but it then leaves 5 of 12
    /// misses confident, loses first beats (80 → 73 % as written), and leans every song without
    /// drums or bass toward 80 BPM because POP909 is mostly ballads. 100 BPM sits where tapping
    /// studies put the preferred pulse, a little below, as popular songs without a drum kit are
    /// slow more often than fast. The duration scale barely matters (±1 song).
    var resonanceBPM = 100.0
    var resonanceWidth = 0.8
    /// How much the mean accent per grid point counts against the preference and the evidence.
    var accentPower = 0.5
    /// How far (octaves, one σ) a level may lie from the tempo the notes' lengths point to
    /// (`durationEvidence`) before it counts against it; 0 leaves that out.
    ///
    /// Measured on the POP909 copy with the preference above unchanged (tempo within 2 %, as
    /// written / transcribed, even-numbered tens + odd): widths 0.35 and 0.5 with accent powers
    /// 0.5 and 1 give 46–48 / 51–52 of 60, against 44 / 43 without the evidence; 0.5 with 0.5
    /// gives 26 + 22 / 27 + 25, even across the halves. Moving the preference to 80–90 BPM as
    /// well gains at most one song more, so it stays where tapping studies put it. The
    /// generated set is unchanged (its songs with drums or bass do not reach this stage).
    var evidenceWidth = 0.5
    /// A winning level ahead of its runner-up by less than this (log units) is uncertain: the
    /// confidence drops below `TempoEstimate.reliable` and the runner-up is reported.
    var clearMargin = 0.35

    /// What the bass and harmonic change count toward a bar's start, beside the accents (each scaled by its mean).
    var bassWeight = 1.0
    var changeWeight = 1.0

    static let standard = TempoTuning()
}
