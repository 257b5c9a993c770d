// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock
import Testing

/// The lock-free queue between the scheduler thread and an audio thread.
@Suite struct TimedEventQueueTests {
    typealias Queue = TimedEventQueue<UInt32>

    @Test func entriesComeOutInTheOrderTheyWentIn() {
        let queue = Queue(capacity: 4)
        #expect(queue.first() == nil)
        for i in 0..<3 { #expect(queue.push(Queue.Entry(sample: Int64(i) * 64, message: UInt32(i)))) }
        var seen: [UInt32] = []
        while let entry = queue.first() {
            #expect(entry.sample == Int64(entry.message) * 64)
            seen.append(entry.message)
            queue.removeFirst()
        }
        #expect(seen == [0, 1, 2])
    }

    @Test func aFullQueueRefusesRatherThanOverwriting() {
        let queue = Queue(capacity: 4)
        for i in 0..<4 { #expect(queue.push(Queue.Entry(sample: 0, message: UInt32(i)))) }
        #expect(!queue.push(Queue.Entry(sample: 0, message: 99)), "a fifth entry fits in four slots")
        #expect(queue.first()?.message == 0)
        queue.removeFirst()
        #expect(queue.push(Queue.Entry(sample: 0, message: 4)), "a slot handed back is used again")
        var seen: [UInt32] = []
        while let entry = queue.first() { seen.append(entry.message); queue.removeFirst() }
        #expect(seen == [1, 2, 3, 4])
    }

    /// One writer and one reader on their own threads, the queue wrapping
    /// around many times: every entry arrives once, in order.
    @Test func aWriterAndAReaderOnTwoThreadsLoseNothing() async {
        let queue = Queue(capacity: 64)
        let count: UInt32 = 200_000
        async let written: Void = Task.detached {
            var i: UInt32 = 0
            while i < count {
                if queue.push(Queue.Entry(sample: Int64(i), message: i)) { i += 1 } else { await Task.yield() }
            }
        }.value
        let read = await Task.detached { () -> (inOrder: Bool, total: UInt32) in
            var expected: UInt32 = 0
            var inOrder = true
            while expected < count {
                guard let entry = queue.first() else { await Task.yield(); continue }
                if entry.message != expected || entry.sample != Int64(expected) { inOrder = false }
                queue.removeFirst()
                expected += 1
            }
            return (inOrder, expected)
        }.value
        await written
        #expect(read.inOrder && read.total == count)
        #expect(queue.first() == nil)
    }
}
