import Testing
import TaskAPI

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
}
