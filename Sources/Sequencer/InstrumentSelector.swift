// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// One or more of a task's instruments, as every option that names them
/// takes them (`--channel`, `--mute`, `--solo`, `--route`, `--program`).
///
/// Text that is all digits is the instrument's number, counted from 1 as
/// `miditask info` shows it; anything else ("+3" included) is a name, matched
/// as the task writes it with case, blanks and punctuation ignored, so every
/// instrument of that name is selected. A name that is only punctuation
/// matches nothing.
public enum InstrumentSelector: Sendable, Hashable {
    /// Every instrument with this name.
    case name(String)
    /// One instrument, counted from 1.
    case index(Int)

    /// Reads what the user wrote (already trimmed of blanks).
    public init(_ text: String) {
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit), let number = Int(text) {
            self = .index(number)
        } else {
            self = .name(text)
        }
    }

    /// Positions (from 0, ascending) of the instruments selected among
    /// instruments called `names`, in task order.
    public func positions(in names: [String]) throws(InstrumentSelectionError) -> [Int] {
        switch self {
        case .index(let n):
            guard n >= 1 && n <= names.count else {
                throw InstrumentSelectionError(reason: "the task has no instrument \(n) "
                    + (names.isEmpty ? "(it has none)" : "(they are numbered 1–\(names.count), as info shows)"))
            }
            return [n - 1]
        case .name(let name):
            let key = GeneralMIDI.normalize(name)
            let matched = key.isEmpty ? [] : names.indices.filter { GeneralMIDI.normalize(names[$0]) == key }
            guard !matched.isEmpty else {
                var known: [String] = []
                for name in names where !known.contains("\"\(name)\"") { known.append("\"\(name)\"") }
                throw InstrumentSelectionError(reason: "the task has no instrument named \"\(name)\" "
                    + "(it has \(known.isEmpty ? "none" : known.joined(separator: ", ")))")
            }
            return matched
        }
    }
}

/// Why a selector selects nothing, in words that name what the task has.
public struct InstrumentSelectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String
    public init(reason: String) { self.reason = reason }
    public var description: String { reason }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
