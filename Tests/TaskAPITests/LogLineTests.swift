// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Logging
import Synchronization
import Testing
@testable import TaskAPI

/// Log lines for journald and for a person.
@Suite struct LogLineTests {
    @Test func forTheJournalEachLineCarriesItsPriority() {
        let journal = LogLine(forJournal: true)
        #expect(journal.format("<3>cannot store\nthe task") == "<3>cannot store\n<3>the task")
        #expect(journal.format("listening") == "<6>listening")
    }

    @Test func forAPersonThePrefixIsDropped() {
        let terminal = LogLine(forJournal: false)
        #expect(terminal.format("<4>warning: no secret") == "warning: no secret")
        #expect(terminal.format("<x>not a prefix") == "<x>not a prefix")
    }

    @Test func aJournalStreamThatIsNotStandardErrorIsIgnored() {
        #expect(!LogLine.forStandardError(environment: ["JOURNAL_STREAM": "1:2"]).forJournal)
        #expect(!LogLine.forStandardError(environment: [:]).forJournal)
    }

    @Test func aJournalStreamNamingStandardErrorMeansJournalFormat() {
        var st = stat()
        guard fstat(2, &st) == 0 else { return }
        #expect(LogLine.forStandardError(environment: ["JOURNAL_STREAM": "\(st.st_dev):\(st.st_ino)"]).forJournal)
    }

    @Test func hummingbirdsWarningsKeepTheirPriority() {
        let written = Mutex<[String]>([])
        var logger = Logger(label: "test") { _ in LogLineHandler(logLevel: .warning, write: { line in written.withLock { $0.append(line) } }) }
        logger[metadataKey: "peer"] = "127.0.0.1"
        logger.info("not shown")
        logger.warning("slow client")
        logger.error("cannot bind")
        #expect(written.withLock { $0 } == ["<4>slow client peer=127.0.0.1", "<3>cannot bind peer=127.0.0.1"])
    }
}
