// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// Why a body was not accepted as a delivery.
public enum DeliveryError: Error, Sendable, CustomStringConvertible {
    /// Malformed JSON, or JSON that is no task in any of the API's shapes.
    case notATask(TaskDecodingError)
    case missingTaskId
    case badTaskId(String)

    public var description: String {
        switch self {
        case .notATask(let error): return error.description
        case .missingTaskId: return "the body names no task_id"
        case .badTaskId(let why): return "unusable task_id: \(why)"
        }
    }
}
