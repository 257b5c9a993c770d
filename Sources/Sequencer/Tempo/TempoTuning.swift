/// The estimator's weights and thresholds, in one place.
struct TempoTuning: Sendable {
    var levelChoice = true
    /// Durational accent: a note's weight grows as 1 − e^(−length/scale), squared (seconds).
    var durationScale = 0.5
    /// The centre of the tempo listeners feel most readily (BPM) and the width of that preference (octaves).
    var resonanceBPM = 100.0
    var resonanceWidth = 0.8
    var accentPower = 1.0

    static let standard = TempoTuning()
}
