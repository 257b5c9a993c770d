// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import NIOCore
import Testing
@testable import TaskAPI

/// Who makes room for a newcomer, decided without sockets.
@Suite struct ConnectionTableTests {
    let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000)
    func at(_ ms: Int64) -> NIODeadline { t0 + .milliseconds(ms) }

    @Test func underTheLimitsEveryoneIsAdmittedAndNobodyEvicted() {
        var table = ConnectionTable<Void>(maxConnections: 3, maxIncompletePerPeer: 3)
        for id in 1...3 as ClosedRange<UInt64> {
            #expect(table.admit(id, peer: "a", at: at(Int64(id)), payload: ()) == .admitted(evicting: []))
        }
        #expect(table.holding == 3)
    }

    @Test func atTheCapTheLongestIncompleteMakesRoomNotTheNewcomer() {
        var table = ConnectionTable<Void>(maxConnections: 3, maxIncompletePerPeer: 10)
        _ = table.admit(1, peer: "a", at: at(10), payload: ())
        _ = table.admit(2, peer: "b", at: at(20), payload: ())
        _ = table.admit(3, peer: "c", at: at(30), payload: ())
        table.requestComplete(1)
        table.waitingAgain(1, since: at(35))
        // 1 waits again, but only since 35: 2 has waited longest.
        #expect(table.admit(4, peer: "d", at: at(40), payload: ()) == .admitted(evicting: [2]))
        #expect(table.holding == 3)
        #expect(table.isEvicting(2))
        table.remove(2)
        #expect(table.holding == 3)
        #expect(table.entries.count == 3)
    }

    @Test func aConnectionWithAWholeRequestIsNeverEvicted() {
        var table = ConnectionTable<Void>(maxConnections: 2, maxIncompletePerPeer: 10)
        _ = table.admit(1, peer: "a", at: at(0), payload: ())
        _ = table.admit(2, peer: "b", at: at(1), payload: ())
        table.requestComplete(1)
        #expect(table.admit(3, peer: "c", at: at(2), payload: ()) == .admitted(evicting: [2]))
        table.remove(2)
        table.requestComplete(3)
        // Both places are held by requests being answered: the newcomer waits its turn elsewhere.
        #expect(table.admit(4, peer: "d", at: at(3), payload: ()) == .refused)
        #expect(table.entries[4] == nil)
    }

    @Test func aPeerOverItsIncompleteLimitLosesItsOwnOldestOnly() {
        var table = ConnectionTable<Void>(maxConnections: 100, maxIncompletePerPeer: 2)
        _ = table.admit(1, peer: "real", at: at(0), payload: ())
        _ = table.admit(2, peer: "flood", at: at(1), payload: ())
        _ = table.admit(3, peer: "flood", at: at(2), payload: ())
        #expect(table.admit(4, peer: "flood", at: at(3), payload: ()) == .admitted(evicting: [2]))
        #expect(table.admit(5, peer: "flood", at: at(4), payload: ()) == .admitted(evicting: [3]))
        #expect(table.waiting(from: "flood") == 2)
        #expect(table.waiting(from: "real") == 1)
    }

    @Test func requestsBeingAnsweredDoNotCountAgainstTheirPeer() {
        var table = ConnectionTable<Void>(maxConnections: 100, maxIncompletePerPeer: 1)
        _ = table.admit(1, peer: "api", at: at(0), payload: ())
        table.requestComplete(1)
        #expect(table.admit(2, peer: "api", at: at(1), payload: ()) == .admitted(evicting: []))
        // Answered and kept alive: idle, not counted until it sends again.
        table.waitingAgain(1, since: at(2))
        #expect(table.waiting(from: "api") == 1)
        table.requestStarted(1)
        #expect(table.waiting(from: "api") == 2)
        #expect(table.admit(3, peer: "api", at: at(3), payload: ()) == .admitted(evicting: [2]))
    }

    @Test func atTheCapAnIdleKeptAliveConnectionIsTheFirstToGoIfOldest() {
        var table = ConnectionTable<Void>(maxConnections: 2, maxIncompletePerPeer: 10)
        _ = table.admit(1, peer: "a", at: at(0), payload: ())
        table.requestComplete(1)
        table.waitingAgain(1, since: at(5))
        _ = table.admit(2, peer: "b", at: at(10), payload: ())
        #expect(table.admit(3, peer: "c", at: at(20), payload: ()) == .admitted(evicting: [1]))
    }

    @Test func aVictimWhoseRequestCompletesBeforeItIsClosedKeepsItsPlace() {
        var table = ConnectionTable<Void>(maxConnections: 1, maxIncompletePerPeer: 10)
        _ = table.admit(1, peer: "a", at: at(0), payload: ())
        #expect(table.admit(2, peer: "b", at: at(1), payload: ()) == .admitted(evicting: [1]))
        table.requestComplete(1)
        #expect(!table.isEvicting(1))
        #expect(table.holding == 2)
        table.remove(1)
        table.remove(2)
        #expect(table.holding == 0)
        #expect(table.waiting(from: "a") == 0 && table.waiting(from: "b") == 0)
    }
}
