// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import ArgumentParser
import Sequencer

/// Finds the instruments an option names: by name, as `--program` matches
/// names (case and punctuation aside), or by number, the instrument's line
/// in `miditask info`, from 1. Shared by every option that takes NAME|INDEX.
enum InstrumentSelector {
    /// Indices (from 0) of the instruments `spec` names among `names`; a
    /// name may match several. Throws a ValidationError naming `option`.
    static func indices(_ spec: String, in names: [String], option: String) throws -> [Int] {
        if let number = Int(spec) {
            guard (1...max(1, names.count)).contains(number), !names.isEmpty else {
                throw ValidationError("\(option) \(number): the task has instruments 1–\(names.count)"
                    + (names.isEmpty ? " (none)" : ""))
            }
            return [number - 1]
        }
        let wanted = GeneralMIDI.normalize(spec)
        let matches = names.indices.filter { GeneralMIDI.normalize(names[$0]) == wanted }
        guard !matches.isEmpty else {
            let known = names.map { "\"\($0)\"" }.joined(separator: ", ")
            throw ValidationError("\(option): the task has no instrument named \"\(spec)\" (it has \(known.isEmpty ? "none" : known))")
        }
        return matches
    }
}
