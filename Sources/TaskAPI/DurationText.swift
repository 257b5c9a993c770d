// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Seconds as people read them: "15 s", "0.2 s".
func seconds(_ duration: Duration) -> String {
    let s = Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    return s == s.rounded() ? "\(Int(s)) s" : String(format: "%.1f s", s)
}

extension Duration {
    var nanoseconds: Int64 {
        let (s, atto) = components
        return s.multipliedReportingOverflow(by: 1_000_000_000).overflow
            ? Int64.max : s * 1_000_000_000 + atto / 1_000_000_000
    }
}
