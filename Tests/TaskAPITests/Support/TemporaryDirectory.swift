// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// A new empty folder under the system's temporary folder.
func temporaryDirectory(_ label: String = "taskapi") -> String {
    var template = Array((NSTemporaryDirectory() + "miditask-\(label)-XXXXXX").utf8CString)
    let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
    precondition(made != nil, "cannot create a temporary folder")
    return String(cString: made!)
}
