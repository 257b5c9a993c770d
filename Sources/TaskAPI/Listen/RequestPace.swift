// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import NIOCore

/// How fast a client must send its request: the head within `headerTimeout`
/// of the connection starting to wait, then the body at `minBodyBytesPerSecond`
/// on average from the end of the head, once `bodyGrace` has passed; and
/// all of it within `requestTimeout`.
///
/// A real delivery sends its head at once and its body as fast as its link
/// allows; a client that holds a connection by sending nothing, or a byte
/// now and then, falls behind and is cut off long before the whole-request
/// deadline. While the head or the body arrives, the deadline only moves
/// later as bytes come, so a timer set for it and re-asked when it fires
/// never cuts too early; the head's arrival may move it earlier, so the
/// timer is set afresh then.
struct RequestPace: Sendable, Equatable {
    var headerTimeout: TimeAmount
    var requestTimeout: TimeAmount
    /// 0: no minimum.
    var minBodyBytesPerSecond: Int
    var bodyGrace: TimeAmount

    enum Cut: Sendable, Equatable {
        /// The head did not arrive in time.
        case headLate
        /// The whole request did not arrive in time.
        case requestLate
        /// The body fell under the minimum rate.
        case bodyTooSlow
    }

    /// When the request falls behind, and what it will have failed, given
    /// when the connection started waiting, when its head arrived (nil: not
    /// yet), and how many body bytes have arrived since.
    func deadline(waitingSince: NIODeadline, headAt: NIODeadline?, bodyBytes: Int) -> (at: NIODeadline, cut: Cut) {
        let whole = (waitingSince + requestTimeout, Cut.requestLate)
        guard let headAt else {
            let head = waitingSince + headerTimeout
            return head < whole.0 ? (head, .headLate) : whole
        }
        guard minBodyBytesPerSecond > 0 else { return whole }
        // The time by which `bodyBytes` would have been due at the minimum rate.
        let earned = TimeAmount.nanoseconds(
            Int64(min(Double(bodyBytes) / Double(minBodyBytesPerSecond) * 1e9, Double(Int64.max / 2))))
        let paced = headAt + bodyGrace + earned
        return paced < whole.0 ? (paced, .bodyTooSlow) : whole
    }
}
