// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Glibc

extension String {
    /// `format` filled in by C's printf rules, for numbers: `%d`, `%.2f`,
    /// `%+.3f`, `%5.1f` and the like. Strings are interpolated, not passed
    /// (`%s` would take a C pointer). Foundation's `String(format:)` does the
    /// same but brings ICU, which the playback program leaves out.
    public init(cFormat format: String, _ arguments: CVarArg...) {
        var buffer = [CChar](repeating: 0, count: 256)
        let needed = Int(withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) })
        if needed >= buffer.count {
            buffer = [CChar](repeating: 0, count: needed + 1)
            _ = withVaList(arguments) { vsnprintf(&buffer, buffer.count, format, $0) }
        }
        self = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
