// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#endif

/// The process's limit on open file descriptors, which bounds the
/// listener's connections (one descriptor each).
public enum OpenFileLimit {
    /// The soft limit, or `Int.max` when unlimited or unknown.
    public static var current: Int { read()?.soft ?? Int.max }

    /// Raises the soft limit to the hard one and returns the new soft limit.
    /// systemd starts services with a soft limit of 1024 and a hard one far
    /// higher, expecting a program that needs more to raise it itself.
    @discardableResult
    public static func raiseToHardLimit() -> Int {
        guard var limit = rawLimit() else { return Int.max }
        if limit.rlim_cur != limit.rlim_max {
            let wanted = limit
            limit.rlim_cur = limit.rlim_max
            // Refused (a container's policy, say): the soft limit stays.
            if setrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) != 0 { limit = wanted }
        }
        return clamped(limit.rlim_cur)
    }

    private static func read() -> (soft: Int, hard: Int)? {
        rawLimit().map { (clamped($0.rlim_cur), clamped($0.rlim_max)) }
    }

    private static func rawLimit() -> rlimit? {
        var limit = rlimit()
        guard getrlimit(__rlimit_resource_t(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return nil }
        return limit
    }

    private static func clamped(_ value: rlim_t) -> Int {
        value == rlim_t.max ? Int.max : Int(clamping: value)
    }
}
