#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writing an output file so that it is either whole or absent, and never
/// replaces what the user had unless asked to.
public enum FileOutput {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Writes `bytes` to `path` through a temporary file in the same folder,
    /// flushed to disk, then moved into place. Without `overwrite`, an
    /// existing file is an error and stays as it was (the move is a hard
    /// link, which refuses an existing name atomically).
    public static func write(_ bytes: [UInt8], to path: String, overwrite: Bool) throws(WriteError) {
        if !overwrite, access(path, F_OK) == 0 {
            throw WriteError(description: "\(path) already exists (use --force to replace it)")
        }
        let temp = try writeTemporary(bytes, near: path)
        defer { unlink(temp) }
        if overwrite {
            guard rename(temp, path) == 0 else { throw error("cannot replace \(path)") }
        } else {
            guard link(temp, path) == 0 else {
                if errno == EEXIST { throw WriteError(description: "\(path) already exists (use --force to replace it)") }
                throw error("cannot create \(path)")
            }
        }
    }

    /// Writes `bytes` to a new temporary file beside `path`; returns its path.
    public static func writeTemporary(_ bytes: [UInt8], near path: String) throws(WriteError) -> String {
        var template = Array((path + ".partial-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw error("cannot create a file beside \(path)") }
        let temp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var written = 0
        let ok: Bool = bytes.withUnsafeBytes { buffer in
            while written < buffer.count {
                let n = Glibc.write(fd, buffer.baseAddress! + written, buffer.count - written)
                if n < 0 { if errno == EINTR { continue }; return false }
                written += n
            }
            return fsync(fd) == 0
        }
        let saved = errno
        fchmod(fd, 0o644 & ~currentUmask())
        close(fd)
        guard ok else {
            unlink(temp)
            errno = saved
            throw error("cannot write \(path)")
        }
        return temp
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }

    private static func error(_ what: String) -> WriteError {
        WriteError(description: "\(what): \(String(cString: strerror(errno)))")
    }
}
