// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import CommandLineSupport
import Sequencer

extension InstrumentSelector {
    /// Positions (from 0) of the instruments `spec` selects among `names`, as
    /// every option that takes NAME|INDEX reads it; an error names the option
    /// and what was written.
    static func positions(_ spec: String, in names: [String], option: String) throws -> [Int] {
        do throws(InstrumentSelectionError) {
            return try InstrumentSelector(spec).positions(in: names)
        } catch {
            throw ValidationError("\(option) \(spec): \(error.reason)")
        }
    }
}
