// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a child's standard input on a thread of its own, then closes it.
enum InputWriter {
    /// Starts writing `data` to `handle`. A child that ends without reading
    /// it all stops the writing quietly: SIGPIPE is blocked on the writing
    /// thread alone, so the write fails with EPIPE instead of ending the tests.
    static func start(_ data: Data, to handle: FileHandle) {
        Thread {
            var pipeSignal = sigset_t()
            sigemptyset(&pipeSignal)
            sigaddset(&pipeSignal, SIGPIPE)
            pthread_sigmask(SIG_BLOCK, &pipeSignal, nil)
            data.withUnsafeBytes { bytes in
                var offset = 0
                while offset < bytes.count {
                    let written = write(handle.fileDescriptor, bytes.baseAddress! + offset, bytes.count - offset)
                    if written > 0 {
                        offset += written
                    } else if written < 0 && errno == EINTR {
                        continue
                    } else {
                        break
                    }
                }
            }
            try? handle.close()
        }.start()
    }
}
