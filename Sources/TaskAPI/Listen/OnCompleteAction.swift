// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// What the listener does with a task once it is complete.
public enum OnCompleteAction: String, Sendable, CaseIterable {
    case render, export, play

    /// The arguments of `miditask` for this action on `id`, writing into
    /// `outputDirectory`. `--` keeps the id from ever reading as an option.
    /// `maxDuration` (as `--max-duration` takes it) bounds render and play;
    /// export writes a small file whatever the song's length. Render goes
    /// through `render --output-dir`, the batch path, which names the file
    /// after the id: every render of a task runs the same engine.
    public func arguments(id: String, outputDirectory: String, maxDuration: String? = nil) -> [String] {
        let bound = maxDuration.map { ["--max-duration", $0] } ?? []
        return switch self {
        case .export: ["export", "-o", "\(outputDirectory)/\(id).mid", "--", id]
        case .render: ["render", "--output-dir", outputDirectory] + bound + ["--", id]
        case .play: ["play"] + bound + ["--", id]
        }
    }
}
