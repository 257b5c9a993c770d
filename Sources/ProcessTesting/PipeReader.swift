// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads one pipe to its end on a thread of its own, from the moment it is
/// made, so the writer never blocks on a full pipe.
final class PipeReader: @unchecked Sendable {
    // `data` is guarded by `lock`; the reading thread appends, the caller copies.
    private let lock = NSLock()
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            readToEnd(handle.fileDescriptor)
            try? handle.close()
            done.signal()
        }.start()
    }

    /// Everything read once the pipe has ended, or, with a limit, what was
    /// read by then if it has not.
    func collected(waitingAtMost limit: Duration?) -> Data {
        if let limit {
            _ = done.wait(timeout: .now() + .nanoseconds(limit.nanoseconds))
        } else {
            done.wait()
        }
        return lock.withLock { data }
    }

    private func readToEnd(_ descriptor: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count > 0 {
                lock.withLock { data.append(contentsOf: buffer[..<count]) }
            } else if count < 0 && errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}
