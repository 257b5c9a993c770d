// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation

/// Finds the file a program name stands for, the way a shell does.
enum ProgramSearch {
    /// A program that is not a file to run, or not on the PATH searched.
    struct NotFound: Error, CustomStringConvertible {
        var program: String
        var path: String?

        var description: String {
            if program.contains("/") { return "\(program) is not a file this process may run" }
            return "\(program) is not on the PATH (\(path ?? "unset"))"
        }
    }

    /// `program` itself when it holds a slash, else the first executable
    /// file of that name in the folders of `path` (colon-separated).
    static func locate(_ program: String, path: String?) throws -> String {
        if program.contains("/") {
            guard FileManager.default.isExecutableFile(atPath: program) else { throw NotFound(program: program, path: path) }
            return program
        }
        let folders = (path ?? "").split(separator: ":", omittingEmptySubsequences: true)
        for folder in folders {
            let candidate = "\(folder)/\(program)"
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: candidate, isDirectory: &isFolder), !isFolder.boolValue,
               FileManager.default.isExecutableFile(atPath: candidate) {
                return candidate
            }
        }
        throw NotFound(program: program, path: path)
    }
}
