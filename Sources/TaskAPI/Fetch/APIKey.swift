// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The API's bearer key. It prints as `<redacted>` wherever it is
/// interpolated by mistake; only the request header reads `secret`.
public struct APIKey: Sendable, CustomStringConvertible, CustomDebugStringConvertible {
    let secret: String

    public init(_ secret: String) {
        self.secret = secret
    }

    public var description: String { "<redacted>" }
    public var debugDescription: String { "<redacted>" }
}
