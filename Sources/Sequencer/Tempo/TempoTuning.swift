/// The beat-level choice's weights and thresholds, in one place (see
/// `TempoEstimator.salientLevel` for why each is what it is).
struct TempoTuning: Sendable {
    /// Whether the level is chosen by accent and preference where no drums or bass state the beat.
    var levelChoice = true
    /// Durational accent: a note weighs (1 − e^(−length/scale))², the scale in seconds.
    var durationScale = 0.5
    /// The tempo listeners feel most readily (BPM) and the width of that preference (octaves, one σ).
    var resonanceBPM = 100.0
    var resonanceWidth = 0.8
    /// How much the mean accent per grid point counts against the preference.
    var accentPower = 1.0
    /// A winning level ahead of its runner-up by less than this (log units) is uncertain: the
    /// confidence drops below `TempoEstimate.reliable` and the runner-up is reported.
    var clearMargin = 0.35

    /// What the bass and harmonic change count toward a bar's start, beside the accents (each scaled by its mean).
    var bassWeight = 1.0
    var changeWeight = 1.0

    static let standard = TempoTuning()
}
