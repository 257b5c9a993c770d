// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#endif

// The one thin layer over the C calls the doctor makes: files, limits,
// groups and a real-time thread probe. Nothing above it sees a `stat` or an errno.
enum SystemCalls {
    /// The whole of a text file (files under /proc report no size: read to the end).
    static func readText(_ path: String) -> String? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { break }
            bytes += buffer[..<n]
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// What `stat` says of a path: its kind, size, permission bits and group.
    struct FileStatus {
        var isDirectory: Bool
        var isRegular: Bool
        var isCharacterDevice: Bool
        var size: UInt64
        var mode: UInt32
        var groupID: UInt32
    }

    static func status(_ path: String) -> FileStatus? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let kind = st.st_mode & S_IFMT
        return FileStatus(isDirectory: kind == S_IFDIR, isRegular: kind == S_IFREG, isCharacterDevice: kind == S_IFCHR,
                          size: UInt64(st.st_size), mode: UInt32(st.st_mode), groupID: UInt32(st.st_gid))
    }

    /// Whether this process may read and write `path` (as its real ids, as `access` does).
    static func canReadWrite(_ path: String) -> Bool { access(path, R_OK | W_OK) == 0 }

    static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    /// The names in a folder, without "." and "..".
    static func list(_ directory: String) -> [String] {
        guard let dir = opendir(directory) else { return [] }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted()
    }

    /// The resource limits the doctor reads.
    enum Resource: UInt32 {
        // Linux's numbers: Swift's Glibc module leaves out the RLIMIT_RTPRIO
        // and RLIMIT_MEMLOCK macros (aliases of reserved names).
        case lockedMemory = 8
        case realTimePriority = 14
    }

    /// A soft resource limit; nil for RLIM_INFINITY.
    static func softLimit(_ resource: Resource) -> UInt64? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(resource.rawValue), &limit) == 0 else { return 0 }
        // RLIM_INFINITY is a cast macro Swift does not import: all ones.
        return limit.rlim_cur == rlim_t.max ? nil : UInt64(limit.rlim_cur)
    }

    static func effectiveUserID() -> UInt32 { UInt32(geteuid()) }

    /// A group's name, from its id.
    static func groupName(_ id: UInt32) -> String? {
        guard let group = getgrgid(gid_t(id)) else { return nil }
        return String(cString: group.pointee.gr_name)
    }

    /// A group's id, from its name.
    static func groupID(_ name: String) -> UInt32? {
        guard let group = getgrnam(name) else { return nil }
        return UInt32(group.pointee.gr_gid)
    }

    /// This process's effective group and supplementary groups.
    static func groups() -> [UInt32] {
        let count = getgroups(0, nil)
        var ids = [gid_t](repeating: 0, count: Int(max(count, 0)))
        let got = getgroups(count, &ids)
        return ids.prefix(Int(max(got, 0))).map { UInt32($0) } + [UInt32(getegid())]
    }
}
