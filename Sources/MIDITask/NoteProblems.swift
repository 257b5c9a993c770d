// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// What decoding found wrong with notes, summarised for warnings: a count
/// and the first few paths, never one line per note.
struct NoteProblems {
    static let examplesKept = 3

    private(set) var skipped = 0
    private(set) var skippedExamples: [String] = []
    private(set) var clamped = 0
    private(set) var clampedExamples: [String] = []
    private(set) var missingVelocity = 0
    private(set) var missingVelocityExample: String?

    mutating func skip(_ message: String) {
        skipped += 1
        if skippedExamples.count < Self.examplesKept { skippedExamples.append(message) }
    }

    mutating func clamp(_ message: String) {
        clamped += 1
        if clampedExamples.count < Self.examplesKept { clampedExamples.append(message) }
    }

    mutating func defaultVelocity(_ path: String) {
        missingVelocity += 1
        if missingVelocityExample == nil { missingVelocityExample = path }
    }

    /// Counts in `other`'s problems after these (from a nested document).
    mutating func add(_ other: NoteProblems) {
        skipped += other.skipped
        skippedExamples += other.skippedExamples.prefix(Self.examplesKept - skippedExamples.count)
        clamped += other.clamped
        clampedExamples += other.clampedExamples.prefix(Self.examplesKept - clampedExamples.count)
        missingVelocity += other.missingVelocity
        missingVelocityExample = missingVelocityExample ?? other.missingVelocityExample
    }

    var warnings: [String] {
        var out: [String] = []
        if skipped > 0 {
            out.append("skipped \(plural(skipped, "bad note")) (--strict fails instead): "
                + list(skippedExamples, total: skipped))
        }
        if clamped > 0 {
            out.append("clamped \(plural(clamped, "velocity", "velocities")) outside 0–1: "
                + list(clampedExamples, total: clamped))
        }
        if missingVelocity > 0, let first = missingVelocityExample {
            out.append("\(plural(missingVelocity, "note")) had no velocity and play at "
                + "\(TaskDecoder.defaultVelocityOnWire)/127 (first: \(first))")
        }
        return out
    }

    private func list(_ examples: [String], total: Int) -> String {
        let more = total - examples.count
        return examples.joined(separator: "; ") + (more > 0 ? "; and \(more) more" : "")
    }
}

func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
    "\(n) \(n == 1 ? singular : pluralForm ?? singular + "s")"
}
