// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reading a whole input file (or standard input) into memory.
public enum FileInput {
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// All bytes of the file at `path`, or of standard input for "-".
    public static func readAll(_ path: String) throws(ReadError) -> [UInt8] {
        let fd: Int32 = path == "-" ? 0 : open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw ReadError(description: String(cString: strerror(errno))) }
        defer { if fd != 0 { close(fd) } }
        var st = stat()
        if fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR {
            throw ReadError(description: "is a directory")
        }
        var capacity = max(Int(st.st_size), 0) + 1
        var bytes = [UInt8](repeating: 0, count: capacity)
        var count = 0
        while true {
            if count == capacity {
                capacity *= 2
                bytes.append(contentsOf: repeatElement(0, count: capacity - bytes.count))
            }
            let n = bytes.withUnsafeMutableBytes { buffer in
                read(fd, buffer.baseAddress! + count, capacity - count)
            }
            if n == 0 { break }
            if n < 0 {
                if errno == EINTR { continue }
                throw ReadError(description: String(cString: strerror(errno)))
            }
            count += n
        }
        bytes.removeLast(bytes.count - count)
        return bytes
    }
}
