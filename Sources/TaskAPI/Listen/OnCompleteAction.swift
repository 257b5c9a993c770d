/// What the listener does with a task once it is complete.
public enum OnCompleteAction: String, Sendable, CaseIterable {
    case render, export, play

    /// The arguments of `miditask` for this action on `id`, writing into
    /// `outputDirectory`. `--` keeps the id from ever reading as an option.
    /// `maxDuration` (as `--max-duration` takes it) bounds render and play;
    /// export writes a small file whatever the song's length.
    public func arguments(id: String, outputDirectory: String, maxDuration: String? = nil) -> [String] {
        let bound = maxDuration.map { ["--max-duration", $0] } ?? []
        return switch self {
        case .export: ["export", "-o", "\(outputDirectory)/\(id).mid", "--", id]
        case .render: ["render", "-o", "\(outputDirectory)/\(id).wav"] + bound + ["--", id]
        case .play: ["play"] + bound + ["--", id]
        }
    }
}
