// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

// libFuzzer target for the task decoder. Not part of the SwiftPM package:
// scripts/fuzz.sh compiles it with Sources/MIDITask/*.swift into one module
// named MIDITask, so it reaches the internal scanner and number parser too
// without anything fuzz-only in the library's public API.
//
// Every input is decoded leniently and strictly; besides never crashing or
// hanging, the two answers must agree with each other and with what the
// README promises of a decoded task. A broken promise stops the run like a
// crash does (precondition), leaving the input as a crash artifact.

@_cdecl("LLVMFuzzerTestOneInput")
public func taskDecoderFuzzTarget(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: size > 0 ? data : nil, count: size)
    let lenient = outcome { () throws(TaskDecodingError) in try TaskDecoder(strict: false).decode(bytes, source: "fuzz") }
    let strict = outcome { () throws(TaskDecodingError) in try TaskDecoder(strict: true).decode(bytes, source: "fuzz") }

    // The [UInt8] entry is the same walk over a copy: same verdict.
    let copied = outcome { () throws(TaskDecodingError) in try TaskDecoder().decode(Array(bytes), source: "fuzz") }
    switch (lenient, copied) {
    case (.success(let a), .success(let b)): precondition(a.instruments == b.instruments, "copy decodes differently")
    case (.failure(let a), .failure(let b)): precondition(a == b, "copy fails differently")
    default: preconditionFailure("copy and buffer disagree")
    }

    switch (lenient, strict) {
    case (.success(let loose), .success(let tight)):
        checkPromises(loose)
        checkPromises(tight)
        // Strict accepted: nothing was skipped or clamped, so both read the same notes.
        precondition(loose.instruments == tight.instruments, "strict and lenient read different notes")
        precondition(loose.taskId == tight.taskId && loose.state == tight.state && loose.shape == tight.shape)
        precondition(!loose.warnings.contains { $0.hasPrefix("skipped") || $0.hasPrefix("clamped") },
                     "strict accepted what lenient skipped or clamped")
    case (.success(let loose), .failure(let error)):
        checkPromises(loose)
        // Strict refuses only for a note fault, which lenient must have told.
        guard case .badNote = error else { preconditionFailure("strict failed with \(error), lenient succeeded") }
        precondition(loose.warnings.contains { $0.hasPrefix("skipped") || $0.hasPrefix("clamped") },
                     "strict found a fault lenient did not warn of: \(error)")
    case (.failure(let error), .success):
        preconditionFailure("lenient failed (\(error)) where strict succeeded")
    case (.failure(let a), .failure(let b)):
        // Anything but a note fault comes before the notes are judged.
        precondition(a == b, "lenient and strict fail differently: \(a) / \(b)")
        precondition(!a.description.isEmpty)
    }

    checkFixedPoint(bytes)
    return 0
}

private func outcome(_ body: () throws(TaskDecodingError) -> MIDITask) -> Result<MIDITask, TaskDecodingError> {
    do { return .success(try body()) } catch { return .failure(error) }
}

/// What every decoded note is promised to be (README, "How a task becomes sound").
private func checkPromises(_ task: MIDITask) {
    var notes = 0
    for instrument in task.instruments {
        for note in instrument.notes {
            precondition(note.pitch <= 127, "pitch \(note.pitch)")
            precondition(note.start >= 0 && note.end >= note.start, "times \(note.start)…\(note.end)")
            precondition((0...1).contains(note.velocity), "velocity \(note.velocity)")
            precondition((1...127).contains(note.midiVelocity), "wire velocity \(note.midiVelocity)")
            notes += 1
        }
    }
    precondition(task.noteCount == notes)
    precondition(task.duration >= 0)
    for warning in task.warnings { precondition(!warning.isEmpty) }
}

/// The decimal parser against the standard library's, on short inputs: the
/// exact nanosecond count must be the nearest one to what Double reads.
private func checkFixedPoint(_ bytes: UnsafeBufferPointer<UInt8>) {
    guard bytes.count <= 48 else { return }
    let result = FixedPoint.parse(bytes)
    guard case .value(let units) = result else { return }
    // FixedPoint allows surrounding blanks; Double does not.
    let text = String(decoding: bytes, as: UTF8.self).trimmingBlanks()
    guard let reference = Double(text), reference.isFinite else {
        preconditionFailure("FixedPoint read \(units) from text Double refuses: \(text)")
    }
    let expected = reference * 1e9
    let tolerance = 1 + abs(expected) * 1e-15
    precondition(abs(Double(units) - expected) <= tolerance,
                 "FixedPoint read \(text) as \(units), Double as \(expected)")
}

private extension String {
    func trimmingBlanks() -> String {
        let blanks: Set<Character> = [" ", "\t", "\n", "\r", "\r\n"]
        var s = Substring(self)
        while let c = s.first, blanks.contains(c) { s.removeFirst() }
        while let c = s.last, blanks.contains(c) { s.removeLast() }
        return String(s)
    }
}
