// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A key as the live view understands it, decoded from the terminal's bytes.
public enum Key: Hashable, Sendable {
    case character(Character)
    case escape
    case left, right, up, down
    case pageUp, pageDown, home, end
    case enter
}
