// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How each sample is stored in a WAV or FLAC file.
public enum SampleFormat: String, Sendable, CaseIterable {
    /// 16-bit integer PCM (the default, as CDs).
    case s16
    /// 24-bit integer PCM.
    case s24
    /// 32-bit IEEE float: values past full scale are kept, never clipped.
    case f32

    public var isFloat: Bool { self == .f32 }

    /// "16-bit PCM", "24-bit PCM", "32-bit float".
    public var displayName: String {
        switch self {
        case .s16: "16-bit PCM"
        case .s24: "24-bit PCM"
        case .f32: "32-bit float"
        }
    }
}
