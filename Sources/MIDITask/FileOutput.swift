// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Writing an output file so that it is either whole or absent, and never
/// replaces what the user had unless asked to.
public enum FileOutput {
    public struct WriteError: Error, CustomStringConvertible {
        /// What was being done, e.g. "create out.mid".
        public var operation: String
        /// Why it failed, e.g. "it already exists (use --force to replace it)".
        public var reason: String

        public init(operation: String, reason: String) {
            self.operation = operation
            self.reason = reason
        }

        public var description: String { "Cannot \(operation) - \(reason)" }
    }

    /// Writes `bytes` to `path` through an `AtomicFile`.
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(WriteError) {
        let file = try AtomicFile(path: path, overwrite: overwrite)
        try file.write(bytes)
        try file.commit()
    }
}

/// A file written beside its target and moved into place only when whole.
///
/// `init` refuses an existing target unless `overwrite` (so nothing is done
/// for a file that could not be kept) and opens a temporary file in the same
/// folder; write to it with `write` or through `descriptor`; `commit()`
/// flushes it to disk and moves it into place: a rename with `overwrite`,
/// else a hard link, which refuses a name that appeared meanwhile
/// atomically. Dropped without a commit (an error, a cancelled render), the
/// temporary file is removed. The file gets the permissions any new file
/// gets (0666 less the umask).
///
/// One owner, one thread.
public final class AtomicFile {
    public let path: String
    public let overwrite: Bool
    /// The temporary file's descriptor, open for writing until `commit()`.
    public let descriptor: Int32
    private let temporaryPath: String
    private var state = State.open

    private enum State { case open, closed, committed }

    public init(path: String, overwrite: Bool) throws(FileOutput.WriteError) {
        if !overwrite, access(path, F_OK) == 0 { throw Self.exists(path) }
        var template = Array((path + ".partial-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw Self.failure("create a file beside \(path)") }
        self.path = path
        self.overwrite = overwrite
        descriptor = fd
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// Appends `bytes`.
    public func write(_ bytes: [UInt8]) throws(FileOutput.WriteError) {
        precondition(state == .open, "write after commit")
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                #if canImport(Glibc)
                let n = Glibc.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                #else
                let n = Musl.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                #endif
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return true
        }
        guard ok else { throw Self.failure("write \(path)") }
    }

    /// Flushes the file to disk and moves it into place.
    public func commit() throws(FileOutput.WriteError) {
        precondition(state == .open, "commit twice")
        guard fsync(descriptor) == 0 else { throw Self.failure("write \(path)") }
        fchmod(descriptor, 0o666 & ~Self.currentUmask())
        close(descriptor)
        state = .closed
        if overwrite {
            guard rename(temporaryPath, path) == 0 else { throw Self.failure("replace \(path)") }
        } else {
            guard link(temporaryPath, path) == 0 else {
                if errno == EEXIST { throw Self.exists(path) }
                throw Self.failure("create \(path)")
            }
            unlink(temporaryPath)
        }
        state = .committed
    }

    deinit {
        if state == .open { close(descriptor) }
        if state != .committed { unlink(temporaryPath) }
    }

    private static func exists(_ path: String) -> FileOutput.WriteError {
        FileOutput.WriteError(operation: "write \(path)", reason: "it already exists (use --force to replace it)")
    }

    private static func failure(_ operation: String) -> FileOutput.WriteError {
        FileOutput.WriteError(operation: operation, reason: String(cString: strerror(errno)))
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
