/// What the listener does with a task once it is complete.
public enum OnCompleteAction: String, Sendable, CaseIterable {
    case render, export, play

    /// The arguments of `miditask` for this action on `id`, writing into
    /// `outputDirectory`. `--` keeps the id from ever reading as an option.
    public func arguments(id: String, outputDirectory: String) -> [String] {
        switch self {
        case .export: ["export", "-o", "\(outputDirectory)/\(id).mid", "--", id]
        case .render: ["render", "-o", "\(outputDirectory)/\(id).wav", "--", id]
        case .play: ["play", "--", id]
        }
    }
}
