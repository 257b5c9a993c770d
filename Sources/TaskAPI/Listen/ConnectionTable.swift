// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import NIOCore

/// The listener's open connections: which of them wait on their client (and
/// since when, and from which address), and which have a whole request being
/// answered. Decides who makes room when a newcomer arrives.
///
/// A flood of connections that never finish a request must not lock real
/// deliveries out, so a newcomer is never the one refused while someone
/// stalls: at a limit, the connection whose request has been incomplete the
/// longest is dropped instead. A connection with a whole request in hand is
/// never chosen, so a stalled client cannot cost a real delivery its answer.
///
/// Not thread-safe: `ConnectionLimits` keeps it under a lock. `Payload` is
/// whatever the owner needs to reach a connection (its evictor).
struct ConnectionTable<Payload> {
    struct Entry {
        var peer: String
        /// When the connection started waiting on its client (on accept, or
        /// after its last answer); nil while a whole request is being answered.
        var waitingSince: NIODeadline?
        /// Answered, kept alive and not yet sending another request: waiting,
        /// but with no incomplete request, so not counted against its peer.
        var idle = false
        /// Chosen to make room and not yet closed: it no longer holds a place.
        var evicting = false
        var payload: Payload
        /// Its latest place in `queue` and in its peer's queue; older places are stale.
        var ticket: UInt64 = 0
        var peerTicket: UInt64 = 0
    }

    private struct Place {
        var id: UInt64
        var ticket: UInt64
    }

    enum Admission: Equatable {
        /// The newcomer has a place; the connections listed must be closed
        /// (if they are still waiting on their client by then).
        case admitted(evicting: [UInt64])
        /// Every place is held by a connection being answered.
        case refused
    }

    let maxConnections: Int
    let maxIncompletePerPeer: Int
    private(set) var entries: [UInt64: Entry] = [:]
    /// Connections holding a place: all but those being evicted.
    private(set) var holding = 0
    private var waitingByPeer: [String: Int] = [:]
    /// Connections in the order they started waiting (the clock is read
    /// under the table's lock, so that is the order of `waitingSince`): the
    /// longest-waiting is found at the front, once stale places (of
    /// connections answered, gone or waiting again since) are dropped. A
    /// scan of all connections per newcomer was too slow under a flood.
    private var queue = FIFO<Place>()
    /// The same for each peer's connections with an incomplete request.
    private var queueByPeer: [String: FIFO<Place>] = [:]
    private var nextTicket: UInt64 = 0

    init(maxConnections: Int, maxIncompletePerPeer: Int) {
        precondition(maxConnections > 0, "a listener that admits no connection answers nothing")
        precondition(maxIncompletePerPeer > 0, "a peer allowed no incomplete request could never send one")
        self.maxConnections = maxConnections
        self.maxIncompletePerPeer = maxIncompletePerPeer
    }

    /// How many connections from `peer` have an incomplete request (evicted
    /// and idle kept-alive ones aside).
    func waiting(from peer: String) -> Int { waitingByPeer[peer, default: 0] }

    /// Admits connection `id` from `peer`, waiting on its client from `now`,
    /// choosing whom it displaces.
    mutating func admit(_ id: UInt64, peer: String, at now: NIODeadline, payload: Payload) -> Admission {
        precondition(entries[id] == nil, "connection \(id) admitted twice")
        var victims: [UInt64] = []
        if waiting(from: peer) >= maxIncompletePerPeer, let victim = longestWaiting(from: peer) {
            markEvicting(victim)
            victims.append(victim)
        }
        if holding >= maxConnections {
            guard let victim = longestWaiting(from: nil) else { return .refused }
            markEvicting(victim)
            victims.append(victim)
        }
        entries[id] = Entry(peer: peer, waitingSince: now, payload: payload)
        holding += 1
        waitingByPeer[peer, default: 0] += 1
        enqueue(id)
        enqueueForPeer(id)
        return .admitted(evicting: victims)
    }

    /// Connection `id` has a whole request: from now on it is never evicted.
    /// One chosen for eviction whose request completed before it was closed
    /// keeps its place (the table is over its limit until someone leaves).
    mutating func requestComplete(_ id: UInt64) {
        guard var entry = entries[id], entry.waitingSince != nil || entry.evicting else { return }
        if entry.evicting {
            entry.evicting = false
            holding += 1
        } else if !entry.idle {
            waitingByPeer[entry.peer, default: 1] -= 1
        }
        entry.waitingSince = nil
        entry.idle = false
        entries[id] = entry
        cleanUp(entry.peer)
    }

    /// Connection `id` answered and now waits on its client again, idle
    /// until `requestStarted`.
    mutating func waitingAgain(_ id: UInt64, since now: NIODeadline) {
        guard var entry = entries[id], entry.waitingSince == nil, !entry.evicting else { return }
        entry.waitingSince = now
        entry.idle = true
        entries[id] = entry
        enqueue(id)
    }

    /// A kept-alive connection `id` began another request: it counts
    /// against its peer again (the limit is enforced on the next newcomer).
    mutating func requestStarted(_ id: UInt64) {
        guard var entry = entries[id], entry.idle, !entry.evicting else { return }
        entry.idle = false
        entries[id] = entry
        waitingByPeer[entry.peer, default: 0] += 1
        enqueueForPeer(id)
    }

    /// Connection `id` is gone (closed by anyone).
    mutating func remove(_ id: UInt64) {
        guard let entry = entries.removeValue(forKey: id) else { return }
        if !entry.evicting {
            holding -= 1
            if entry.waitingSince != nil, !entry.idle { waitingByPeer[entry.peer, default: 1] -= 1 }
        }
        cleanUp(entry.peer)
    }

    func payload(of id: UInt64) -> Payload? { entries[id]?.payload }

    /// Whether `id` was chosen to make room and has not since got a whole request.
    func isEvicting(_ id: UInt64) -> Bool { entries[id]?.evicting ?? false }

    private mutating func markEvicting(_ id: UInt64) {
        guard var entry = entries[id], !entry.evicting else { return }
        entry.evicting = true
        entries[id] = entry
        holding -= 1
        if entry.waitingSince != nil, !entry.idle { waitingByPeer[entry.peer, default: 1] -= 1 }
        cleanUp(entry.peer)
    }

    private mutating func cleanUp(_ peer: String) {
        guard waitingByPeer[peer] == 0 else { return }
        // Nothing of this peer's queue is valid any more.
        waitingByPeer[peer] = nil
        queueByPeer[peer] = nil
    }

    private mutating func enqueue(_ id: UInt64) {
        nextTicket += 1
        entries[id]!.ticket = nextTicket
        queue.append(Place(id: id, ticket: nextTicket))
        // Keeps the queue from growing while no limit is reached: stale places
        // at the front go now; the rest wait behind a connection still
        // waiting, which a deadline closes within `requestTimeout`.
        _ = longestWaiting(from: nil)
    }

    private mutating func enqueueForPeer(_ id: UInt64) {
        nextTicket += 1
        entries[id]!.peerTicket = nextTicket
        let peer = entries[id]!.peer
        queueByPeer[peer, default: FIFO()].append(Place(id: id, ticket: nextTicket))
    }

    private func isValid(_ place: Place, inPeerQueue: Bool) -> Bool {
        guard let entry = entries[place.id], !entry.evicting, entry.waitingSince != nil else { return false }
        return inPeerQueue ? !entry.idle && entry.peerTicket == place.ticket : entry.ticket == place.ticket
    }

    private func dropStale(_ fifo: inout FIFO<Place>, isValid: (Place) -> Bool) {
        while let front = fifo.first, !isValid(front) { fifo.removeFirst() }
    }

    /// The connection (of `peer`, or of anyone) waiting on its client the
    /// longest; idle kept-alive ones too when from anyone.
    private mutating func longestWaiting(from peer: String?) -> UInt64? {
        if let peer {
            guard var fifo = queueByPeer[peer] else { return nil }
            queueByPeer[peer] = nil
            dropStale(&fifo) { isValid($0, inPeerQueue: true) }
            defer { queueByPeer[peer] = fifo.isEmpty ? nil : fifo }
            return fifo.first?.id
        }
        // Moved out and back, so that checking entries does not overlap the
        // queue's mutation.
        var fifo = queue
        queue = FIFO()
        dropStale(&fifo) { isValid($0, inPeerQueue: false) }
        queue = fifo
        return queue.first?.id
    }
}

/// A first-in-first-out queue over an array: appends at the end, removes
/// at the front, and compacts once the removed part is half of it.
struct FIFO<Element> {
    private var items: [Element] = []
    private var head = 0

    var first: Element? { head < items.count ? items[head] : nil }
    var isEmpty: Bool { head >= items.count }
    var count: Int { items.count - head }

    mutating func append(_ item: Element) { items.append(item) }

    mutating func removeFirst() {
        head += 1
        if head >= 64 && head * 2 >= items.count {
            items.removeFirst(head)
            head = 0
        }
    }
}
