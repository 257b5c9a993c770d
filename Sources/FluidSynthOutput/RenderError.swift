// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Why a render stopped without a file.
public enum RenderError: Error, Sendable, CustomStringConvertible {
    /// FluidSynth refused a setting, a SoundFont, or rendering.
    case synth(FluidSynthError)
    /// The output file could not be made: what was being done, and why.
    case file(String, String)
    /// A signal asked us to stop; the partial file was removed.
    case cancelled

    public var description: String {
        switch self {
        case .synth(let error): error.description
        case .file(let operation, let reason): "Cannot \(operation) - \(reason)"
        case .cancelled: "render interrupted; no file written"
        }
    }
}
