// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import NIOCore
import Synchronization

/// What the listener allows its clients, shared by all their connections:
/// how many may be open at once, how many of one address may be waiting on
/// their client, and how fast a request must arrive.
///
/// The listener faces the internet, so clients that open connections and
/// never finish a request must not be able to hold it: at a limit, the
/// connection whose request has been incomplete the longest makes room for
/// the newcomer (see `ConnectionTable`), and a request that falls behind its
/// `RequestPace` has its connection closed.
final class ConnectionLimits: Sendable {
    /// Closes a connection chosen to make room, on its own event loop, if it
    /// still waits on its client by then.
    typealias Evictor = @Sendable () -> Void

    let pace: RequestPace
    private let intake: CallbackIntake
    private let table: Mutex<ConnectionTable<Evictor>>
    private let nextID = Atomic<UInt64>(1)

    init(maxConnections: Int, maxIncompletePerPeer: Int, pace: RequestPace, intake: CallbackIntake) {
        precondition(pace.requestTimeout > .zero && pace.headerTimeout > .zero, "a zero timeout would close every connection")
        self.pace = pace
        self.intake = intake
        table = Mutex(ConnectionTable(maxConnections: maxConnections, maxIncompletePerPeer: maxIncompletePerPeer))
    }

    /// A new connection from `peer`: its id, or nil when every place is held
    /// by a connection being answered (the refusal is counted). Connections
    /// displaced to make room are told to close.
    func admit(peer: String, evictor: @escaping Evictor) -> UInt64? {
        let id = nextID.wrappingAdd(1, ordering: .relaxed).oldValue
        let evictors: [Evictor]? = table.withLock { table in
            switch table.admit(id, peer: peer, at: .now(), payload: evictor) {
            case .refused: nil
            case .admitted(let victims): victims.compactMap { table.payload(of: $0) }
            }
        }
        guard let evictors else {
            intake.countConnectionRefused()
            return nil
        }
        // Outside the lock: each evictor hops to its connection's event loop.
        for evict in evictors { evict() }
        return id
    }

    func requestComplete(_ id: UInt64) {
        table.withLock { $0.requestComplete(id) }
    }

    func requestStarted(_ id: UInt64) {
        table.withLock { $0.requestStarted(id) }
    }

    func waitingAgain(_ id: UInt64) {
        table.withLock { $0.waitingAgain(id, since: .now()) }
    }

    func release(_ id: UInt64) {
        table.withLock { $0.remove(id) }
    }

    func isEvicting(_ id: UInt64) -> Bool {
        table.withLock { $0.isEvicting(id) }
    }

    func evicted() { intake.countConnectionEvicted() }

    func cut(_ why: RequestPace.Cut) {
        switch why {
        case .headLate, .requestLate: intake.countRequestTimedOut()
        case .bodyTooSlow: intake.countBodyTooSlow()
        }
    }
}
