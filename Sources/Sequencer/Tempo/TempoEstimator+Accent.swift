#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Where beats fall: the accent each onset lends the beat it lands on.
extension TempoEstimator {
    /// How much an onset marks a beat: its durational accent (a note held
    /// long is heard as beginning something; (1 − e^(−length/scale))², after
    /// Parncutt's pulse-salience model), or its role's beat-marking weight
    /// (kick, snare, bass) when that is more; times its loudness weight.
    static func beatAccents(_ onsets: [Onset], tuning: TempoTuning) -> [Double] {
        onsets.map { onset in
            let a = 1 - exp(-Double(onset.length) / 1e9 / tuning.durationScale)
            return max(a * a, onset.anchor) * onset.weight
        }
    }
}
