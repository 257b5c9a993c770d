// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Readers of the kernel's sound files under /proc, as text in, values out.
enum ProcText {
    /// A card of `/proc/asound/cards`: " 0 [PCH            ]: HDA-Intel - HDA Intel PCH".
    struct Card: Equatable {
        var number: Int
        var id: String
        var name: String
    }

    /// The cards listed; none for "--- no soundcards ---".
    static func cards(_ text: String) -> [Card] {
        text.split(separator: "\n").compactMap { line -> Card? in
            guard let open = line.firstIndex(of: "["), let close = line.firstIndex(of: "]"), open < close,
                  let number = Int(trimmed(line[..<open])) else { return nil }
            let id = trimmed(line[line.index(after: open)..<close])
            var rest = line[line.index(after: close)...]
            if rest.hasPrefix(":") { rest = rest.dropFirst() }
            // "HDA-Intel - HDA Intel PCH": the driver, then the card's name.
            let name = rest.firstRange(of: " - ").map { String(rest[$0.upperBound...]) } ?? String(rest)
            return Card(number: number, id: id, name: trimmed(name))
        }
    }

    /// A global timer of `/proc/asound/timers`: "G3: HR timer : 0.001us (1000000000 ticks)".
    struct Timer: Equatable {
        var name: String
        /// Microseconds per tick.
        var resolution: Double?
    }

    /// The global timers (lines "Gn:"); the PCM and slave timers are not for the sequencer.
    static func globalTimers(_ text: String) -> [Timer] {
        text.split(separator: "\n").compactMap { line -> Timer? in
            guard line.hasPrefix("G"), let colon = line.firstIndex(of: ":") else { return nil }
            let fields = line[line.index(after: colon)...].split(separator: ":", maxSplits: 1)
            guard let name = fields.first else { return nil }
            var resolution: Double?
            if fields.count == 2, let us = fields[1].split(separator: " ").first(where: { $0.hasSuffix("us") }) {
                resolution = Double(us.dropLast(2))
            }
            return Timer(name: trimmed(name), resolution: resolution)
        }
    }

    /// Whether `/proc/modules` lists a module (names use underscores there).
    static func hasModule(_ name: String, in modules: String) -> Bool {
        let wanted = name.replacing("-", with: "_")
        return modules.split(separator: "\n").contains { $0.split(separator: " ").first.map(String.init) == wanted }
    }

    static func trimmed<S: StringProtocol>(_ text: S) -> String {
        String(text.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
    }
}
