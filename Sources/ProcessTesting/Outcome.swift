// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

extension ChildProcess {
    /// How a child ended and everything it wrote.
    public struct Outcome: Sendable {
        /// The exit status, or the number of the signal that ended the child.
        public var status: Int32
        /// True when a signal ended the child (then `status` is its number).
        public var diedOfSignal: Bool
        /// True when the child outlived its timeout and was killed.
        public var timedOut: Bool
        /// The bytes the child wrote to standard output.
        public var outputData: Data
        /// The bytes the child wrote to standard error.
        public var errorData: Data

        /// Standard output as UTF-8 text (a bad byte becomes U+FFFD).
        public var stdout: String { String(decoding: outputData, as: UTF8.self) }
        /// Standard error as UTF-8 text (a bad byte becomes U+FFFD).
        public var stderr: String { String(decoding: errorData, as: UTF8.self) }
        /// True when the child exited by itself with status 0.
        public var succeeded: Bool { status == 0 && !diedOfSignal && !timedOut }

        public init(status: Int32, diedOfSignal: Bool = false, timedOut: Bool = false,
                    outputData: Data = Data(), errorData: Data = Data()) {
            self.status = status
            self.diedOfSignal = diedOfSignal
            self.timedOut = timedOut
            self.outputData = outputData
            self.errorData = errorData
        }
    }
}
