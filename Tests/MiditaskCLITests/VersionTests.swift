import Foundation
import Testing

@Suite struct VersionTests {
    @Test func versionPrintsTheToolNameAndASemanticVersion() throws {
        let result = try CommandRunner.run(["--version"])
        #expect(result.status == 0)
        let line = result.stdout.trimmingCharacters(in: .newlines)
        #expect(line.wholeMatch(of: /miditask \d+\.\d+\.\d+/) != nil, "got \(line)")
        #expect(result.stderr.isEmpty)
    }
}
