// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// Reads a MIDI generation task from JSON in any of the API's three shapes:
/// the callback body, the record-info response, or the bare
/// `{state, instruments}` object.
///
/// It walks the bytes once, knowing the schema, and converts times straight
/// from their decimal text to integer nanoseconds, so a task of a million
/// notes decodes in a fraction of a second. Unknown fields are skipped.
public struct TaskDecoder: Sendable {
    /// The velocity a note without one plays at, on the wire (1–127).
    public static let defaultVelocityOnWire = 100

    /// Fail on the first fault in the notes (a bad note, or a velocity
    /// outside 0–1) instead of skipping or clamping it with a warning.
    public var strict: Bool

    public init(strict: Bool = false) {
        self.strict = strict
    }

    /// Decodes a task. `source` names the input in messages (a path or "<stdin>").
    public func decode(_ bytes: [UInt8], source: String) throws(TaskDecodingError) -> MIDITask {
        try bytes.withUnsafeBufferPointer { (buffer) throws(TaskDecodingError) in
            try decode(buffer, source: source)
        }
    }

    /// Decodes a task from bytes that stay valid for the call.
    public func decode(_ buffer: UnsafeBufferPointer<UInt8>, source: String) throws(TaskDecodingError) -> MIDITask {
        var walker = TaskWalker(scanner: JSONScanner(buffer), strict: strict)
        let document: TaskWalker.Document
        do {
            document = try walker.document()
        } catch {
            let (line, column) = walker.scanner.lineAndColumn(of: error.offset)
            throw .malformedJSON(source: source, line: line, column: column, reason: error.reason)
        }
        if let wrongType = walker.wrongType {
            throw .notATask(source: source, path: wrongType.path, reason: wrongType.reason)
        }
        // The API's own verdict (failed, pending) comes before any note's fault.
        let task = try document.task(source: source, problems: walker.problems)
        if strict, let bad = walker.firstBadNote {
            throw .badNote(source: source, path: bad.path, reason: bad.reason)
        }
        return task
    }

    /// Reads and decodes a file, or standard input for "-".
    public func decode(contentsOf path: String) throws(TaskDecodingError) -> MIDITask {
        let source = path == "-" ? "<stdin>" : path
        let bytes: [UInt8]
        do {
            bytes = try FileInput.readAll(path)
        } catch {
            throw .notATask(source: source, path: "", reason: "cannot read: \(error)")
        }
        return try decode(bytes, source: source)
    }
}

/// The schema-directed walk over one JSON document.
struct TaskWalker {
    var scanner: JSONScanner
    let strict: Bool
    /// Put before every path of a note, so that notes of a `midiData` held
    /// as JSON text are named where they are.
    var pathPrefix = ""
    var problems = NoteProblems()
    var firstBadNote: (path: String, reason: String)?
    /// The first field of a known name but the wrong JSON type.
    var wrongType: (path: String, reason: String)?

    init(scanner: JSONScanner, strict: Bool) {
        self.scanner = scanner
        self.strict = strict
    }

    /// The fields of interest of the three shapes, wherever they appeared.
    struct Document {
        var hasData = false
        var dataIsNull = false
        var topTaskId: String?
        var code: String?
        var msg: String?
        var state: String?
        var instruments: DecodedInstruments?
        // Inside `data`:
        var dataTaskId: String?
        var dataState: String?
        var dataInstruments: DecodedInstruments?
        var hasMidiData = false
        var midiState: String?
        var midiInstruments: DecodedInstruments?
        var successFlag: String?
        var errorCode: String?
        var errorMessage: String?
    }

    mutating func document() throws(JSONScanError) -> Document {
        var doc = Document()
        guard scanner.peekKind() != .end else { throw scanner.fail("empty input: expected a JSON object") }
        guard scanner.peekKind() == .object else {
            try scanner.skipValue()
            try scanner.expectEnd()
            noteWrongType("", "the top-level value is not a JSON object")
            return doc
        }
        try scanner.beginObject()
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            if scanner.equals(key, "data") {
                doc.hasData = true
                if scanner.peekKind() == .object {
                    try data(into: &doc)
                } else if try isNull() {
                    doc.dataIsNull = true
                } else {
                    try wrongTypeSkip("data", "is not an object")
                }
            } else if scanner.equals(key, "instruments") {
                doc.instruments = try instruments(path: pathPrefix + "instruments")
            } else if scanner.equals(key, "state") {
                doc.state = try text()
            } else if scanner.equals(key, "task_id") || scanner.equals(key, "taskId") {
                doc.topTaskId = try text()
            } else if scanner.equals(key, "code") {
                doc.code = try text()
            } else if scanner.equals(key, "msg") {
                doc.msg = try text()
            } else {
                try scanner.skipValue()
            }
        }
        try scanner.expectEnd()
        return doc
    }

    private mutating func data(into doc: inout Document) throws(JSONScanError) {
        try scanner.beginObject()
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            if scanner.equals(key, "midiData") {
                doc.hasMidiData = true
                try midiData(into: &doc)
            } else if scanner.equals(key, "instruments") {
                doc.dataInstruments = try instruments(path: pathPrefix + "data.instruments")
            } else if scanner.equals(key, "state") {
                doc.dataState = try text()
            } else if scanner.equals(key, "taskId") || scanner.equals(key, "task_id") {
                doc.dataTaskId = try text()
            } else if scanner.equals(key, "successFlag") {
                doc.successFlag = try text()
            } else if scanner.equals(key, "errorCode") {
                doc.errorCode = try text()
            } else if scanner.equals(key, "errorMessage") {
                doc.errorMessage = try text()
            } else {
                try scanner.skipValue()
            }
        }
    }

    private mutating func midiData(into doc: inout Document) throws(JSONScanError) {
        switch scanner.peekKind() {
        case .object:
            try scanner.beginObject()
            var first = true
            while let key = try scanner.nextKey(first: &first) {
                if scanner.equals(key, "instruments") {
                    doc.midiInstruments = try instruments(path: pathPrefix + "data.midiData.instruments")
                } else if scanner.equals(key, "state") {
                    doc.midiState = try text()
                } else {
                    try scanner.skipValue()
                }
            }
        case .string:
            // Some deployments send midiData as a JSON document inside a string.
            let token = try scanner.scanString()
            let inner = scanner.string(token)
            if inner.isEmpty { return }
            let innerBytes = Array(inner.utf8)
            // The inner walk, and what it found, stay inside the closure that
            // keeps its bytes alive: only values come out.
            let inside: (document: Document, problems: NoteProblems,
                         firstBadNote: (path: String, reason: String)?, wrongType: (path: String, reason: String)?)
            do {
                inside = try innerBytes.withUnsafeBufferPointer { (buffer) throws(JSONScanError) in
                    var walker = TaskWalker(scanner: JSONScanner(buffer), strict: strict)
                    walker.pathPrefix = pathPrefix + "data.midiData (JSON text) "
                    let document = try walker.document()
                    return (document, walker.problems, walker.firstBadNote, walker.wrongType)
                }
            } catch {
                throw JSONScanError(offset: token.start, reason: "data.midiData holds malformed JSON text: \(error.reason)")
            }
            // Added to, not replaced: faults found before midiData still count.
            problems.add(inside.problems)
            firstBadNote = firstBadNote ?? inside.firstBadNote
            wrongType = wrongType ?? inside.wrongType.map { ("data.midiData (JSON text) " + $0.path, $0.reason) }
            doc.midiState = inside.document.state
            doc.midiInstruments = inside.document.instruments
        default:
            if try isNull() { return }
            try wrongTypeSkip("data.midiData", "is not an object")
        }
    }

    // MARK: Instruments and notes

    private mutating func instruments(path: String) throws(JSONScanError) -> DecodedInstruments? {
        guard scanner.peekKind() == .array else {
            if try isNull() { return nil }
            try wrongTypeSkip(path, "is not an array")
            return nil
        }
        var result = DecodedInstruments()
        try scanner.beginArray()
        var first = true
        var index = 0
        while try scanner.nextElement(first: &first) {
            if let found = try instrument(path: path, index: index) {
                result.instruments.append(found.instrument)
                result.sources.origins.append(found.origin)
            }
            index += 1
        }
        return result
    }

    private mutating func instrument(path: String, index: Int) throws(JSONScanError) -> (instrument: Instrument, origin: NoteSources.Origin)? {
        guard scanner.peekKind() == .object else {
            let start = scanner.pos
            try scanner.skipValue()
            let reason = "is not an instrument object: \(scanner.excerpt(start..<scanner.pos))"
            let message = "\(path)[\(index)]: \(reason)"
            problems.skip(message)
            if firstBadNote == nil { firstBadNote = ("\(path)[\(index)]", reason) }
            return nil
        }
        var name = ""
        var notes: [Note] = []
        var skipped: [Int] = []
        try scanner.beginObject()
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            if scanner.equals(key, "name") {
                name = try text() ?? ""
            } else if scanner.equals(key, "notes") {
                (notes, skipped) = try self.notes(path: "\(path)[\(index)].notes")
            } else {
                try scanner.skipValue()
            }
        }
        return (Instrument(name: name, notes: notes), NoteSources.Origin(path: "\(path)[\(index)]", skippedNotes: skipped))
    }

    /// The notes kept, and the indices of those skipped.
    private mutating func notes(path: String) throws(JSONScanError) -> ([Note], [Int]) {
        guard scanner.peekKind() == .array else {
            if try isNull() { return ([], []) }
            try wrongTypeSkip(path, "is not an array")
            return ([], [])
        }
        var notes: [Note] = []
        var skipped: [Int] = []
        try scanner.beginArray()
        var first = true
        var index = 0
        while try scanner.nextElement(first: &first) {
            if let note = try note(path: path, index: index) { notes.append(note) } else { skipped.append(index) }
            index += 1
        }
        return (notes, skipped)
    }

    /// One numeric field of a note, as found.
    private enum Field {
        case missing
        case number(FixedPoint.Result, text: Range<Int>)
        case wrongType(text: Range<Int>)
    }

    private mutating func note(path: String, index: Int) throws(JSONScanError) -> Note? {
        guard scanner.peekKind() == .object else {
            let start = scanner.pos
            try scanner.skipValue()
            badNote("\(path)[\(index)]", "is not a note object: \(scanner.excerpt(start..<scanner.pos))")
            return nil
        }
        var pitch = Field.missing, start = Field.missing, end = Field.missing, velocity = Field.missing
        try scanner.beginObject()
        var first = true
        while let key = try scanner.nextKey(first: &first) {
            // Dispatch on the key's first byte before comparing it whole (of
            // its resolved text when escaped: "st\u0061rt" is "start").
            let lead = key.escaped ? scanner.string(key).utf8.first ?? 0 : key.end > key.start ? scanner.bytes[key.start] : 0
            switch lead {
            case UInt8(ascii: "p") where scanner.equals(key, "pitch"): pitch = try field()
            case UInt8(ascii: "s") where scanner.equals(key, "start"): start = try field()
            case UInt8(ascii: "e") where scanner.equals(key, "end"): end = try field()
            case UInt8(ascii: "v") where scanner.equals(key, "velocity"): velocity = try field()
            default: try scanner.skipValue()
            }
        }

        let scale = FixedPoint.scale
        guard let pitchUnits = value(pitch, path, index, "pitch") else { return nil }
        guard pitchUnits % scale == 0 else {
            return badNote(path, index, "pitch", pitch, "is not a whole number")
        }
        guard (0...127 * scale).contains(pitchUnits) else {
            return badNote(path, index, "pitch", pitch, "is out of range 0–127")
        }
        guard let startNanos = value(start, path, index, "start") else { return nil }
        guard startNanos >= 0 else { return badNote(path, index, "start", start, "is negative") }
        guard let endNanos = value(end, path, index, "end") else { return nil }
        guard endNanos >= startNanos else {
            return badNote(path, index, "end", end, "is before start \(describe(start))")
        }

        var v: Double
        switch velocity {
        case .missing:
            problems.defaultVelocity("\(path)[\(index)]")
            v = Double(TaskDecoder.defaultVelocityOnWire) / 127
        case .wrongType:
            return badNote(path, index, "velocity", velocity, "is not a number")
        case .number(let result, _):
            switch result {
            case .value(let units):
                v = Double(units) / Double(scale)
            case .outOfRange(let negative):
                v = negative ? -1 : 2
            case .notANumber:
                return badNote(path, index, "velocity", velocity, "is not a number")
            case .notFinite:
                return badNote(path, index, "velocity", velocity, "is not finite")
            }
            if !(0...1).contains(v) {
                // Lenient mode plays it clamped; `--strict` refuses it like any other fault.
                let notePath = "\(path)[\(index)].velocity"
                problems.clamp("\(notePath): \(describe(velocity))")
                if firstBadNote == nil { firstBadNote = (notePath, "\(describe(velocity)) is outside 0–1") }
                v = min(1, max(0, v))
            }
        }
        return Note(pitch: UInt8(pitchUnits / scale), start: startNanos, end: endNanos, velocity: v)
    }

    private mutating func field() throws(JSONScanError) -> Field {
        switch scanner.peekKind() {
        case .number:
            let range = try scanner.scanNumber()
            return .number(FixedPoint.parse(UnsafeBufferPointer(rebasing: scanner.bytes[range])), text: range)
        case .string:
            let token = try scanner.scanString()
            let text = (token.start - 1)..<(token.end + 1)
            if token.escaped {
                let bytes = scanner.unescape(UnsafeBufferPointer(rebasing: scanner.bytes[token.start..<token.end]))
                return .number(bytes.withUnsafeBufferPointer { FixedPoint.parse($0) }, text: text)
            }
            return .number(FixedPoint.parse(UnsafeBufferPointer(rebasing: scanner.bytes[token.start..<token.end])), text: text)
        case .literal:
            let start = scanner.pos
            if try scanner.scanLiteral() == .null { return .missing }
            return .wrongType(text: start..<scanner.pos)
        default:
            let start = scanner.pos
            try scanner.skipValue()
            return .wrongType(text: start..<scanner.pos)
        }
    }

    /// A field's value in 10⁻⁹ units, or nil after recording why it is bad.
    private mutating func value(_ field: Field, _ path: String, _ index: Int, _ name: String) -> Int64? {
        switch field {
        case .missing:
            badNote("\(path)[\(index)].\(name)", "is missing")
        case .wrongType:
            badNote("\(path)[\(index)].\(name)", "\(describe(field)) is not a number")
        case .number(let result, _):
            switch result {
            case .value(let units): return units
            case .notANumber: badNote("\(path)[\(index)].\(name)", "\(describe(field)) is not a number")
            case .notFinite: badNote("\(path)[\(index)].\(name)", "\(describe(field)) is not finite")
            case .outOfRange: badNote("\(path)[\(index)].\(name)", "\(describe(field)) is out of range")
            }
        }
        return nil
    }

    private mutating func badNote(_ path: String, _ index: Int, _ name: String, _ field: Field, _ reason: String) -> Note? {
        badNote("\(path)[\(index)].\(name)", "\(describe(field)) \(reason)")
        return nil
    }

    private mutating func badNote(_ path: String, _ reason: String) {
        let message = "\(path): \(reason)"
        problems.skip(message)
        if firstBadNote == nil { firstBadNote = (path, reason) }
    }

    private func describe(_ field: Field) -> String {
        switch field {
        case .missing: return "null"
        case .number(_, let text), .wrongType(let text): return scanner.excerpt(text)
        }
    }

    // MARK: Small values

    /// A scalar field as text (strings unquoted; numbers and literals as
    /// written); nil for null. Objects and arrays are skipped and give nil.
    private mutating func text() throws(JSONScanError) -> String? {
        switch scanner.peekKind() {
        case .string:
            return scanner.string(try scanner.scanString())
        case .number:
            return scanner.excerpt(try scanner.scanNumber(), limit: 64)
        case .literal:
            let start = scanner.pos
            return try scanner.scanLiteral() == .null ? nil : scanner.excerpt(start..<scanner.pos)
        default:
            try scanner.skipValue()
            return nil
        }
    }

    private mutating func isNull() throws(JSONScanError) -> Bool {
        guard scanner.peekKind() == .literal else { return false }
        let start = scanner.pos
        if try scanner.scanLiteral() == .null { return true }
        scanner.pos = start
        return false
    }

    private mutating func wrongTypeSkip(_ path: String, _ reason: String) throws(JSONScanError) {
        let start = scanner.pos
        try scanner.skipValue()
        noteWrongType(path, "\(reason): \(scanner.excerpt(start..<scanner.pos))")
    }

    private mutating func noteWrongType(_ path: String, _ reason: String) {
        if wrongType == nil { wrongType = (path, reason) }
    }
}
