// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

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
