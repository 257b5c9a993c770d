// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A change the kernel reports on the system announce port (0:1).
public enum Announcement: Sendable, Equatable {
    case clientStarted(UInt8)
    case clientExited(UInt8)
    case portStarted(PortAddress)
    case portExited(PortAddress)
    case portChanged(PortAddress)
    case subscribed(sender: PortAddress, destination: PortAddress)
    case unsubscribed(sender: PortAddress, destination: PortAddress)
    /// Input overflowed and events were lost: what was announced is unknown.
    case lost
    /// Anything else that arrived.
    case other

    /// Whether this means the subscription from `source` to `destination` is over.
    public func ends(source: PortAddress, destination: PortAddress) -> Bool {
        switch self {
        case .clientExited(let client): client == destination.client
        case .portExited(let port): port == destination
        case .unsubscribed(let sender, let dest): sender == source && dest == destination
        default: false
        }
    }
}
