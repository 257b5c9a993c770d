/// The kinds of audio file `render` writes.
public enum AudioFileFormat: String, Sendable, CaseIterable {
    /// RIFF WAVE, 16-bit PCM stereo, written by us.
    case wav
    /// FLAC, 16-bit, through libsndfile.
    case flac
    /// Ogg Vorbis, through libsndfile.
    case ogg

    /// The format a file name asks for by its extension (.wav, .flac, .ogg/.oga).
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "wav", "wave": self = .wav
        case "flac": self = .flac
        case "ogg", "oga": self = .ogg
        default: return nil
        }
    }
}
