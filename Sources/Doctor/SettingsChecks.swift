// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The task library, the config file and the API key: what fetching and task ids need.
enum SettingsChecks {
    static func library(_ facts: MachineFacts) -> CheckResult {
        switch facts.library {
        case .notYetMade(let directory):
            return CheckResult("library", .ok, "none yet; made at \(directory) on the first fetch or callback")
        case .usable(let path, let tasks):
            return CheckResult("library", .ok, "\(path) (\(tasks) task\(tasks == 1 ? "" : "s"))")
        case .unusable(let path, let reason):
            return CheckResult("library", .error, "\(path): \(reason)",
                               fix: "make it readable and writable by this user, or point MIDITASK_LIBRARY elsewhere")
        case .nowhere(let reason):
            return CheckResult("library", .warning, reason, fix: "set HOME or MIDITASK_LIBRARY")
        case .onlineProgramMissing(let path):
            return CheckResult("library", .warning,
                               "not checked: no miditask-api at \(path), so no fetch, listen, tasks or task ids (files play)",
                               fix: "install the miditask-api package")
        }
    }

    static func configFile(_ facts: MachineFacts) -> CheckResult {
        switch facts.configFile {
        case .nowhere:
            return CheckResult("config", .ok, "no HOME nor XDG_CONFIG_HOME: no config file (it is optional)")
        case .absent(let path):
            return CheckResult("config", .ok, "none at \(path) (optional: api_key, base_url)")
        case .present(let path, let mode, let problem):
            let octal = String(mode & 0o777, radix: 8)
            if mode & 0o077 != 0 {
                return CheckResult("config", .error, "\(path) has mode \(octal): group or others may read the API key",
                                   fix: "chmod 600 \(path)")
            }
            if let problem {
                return CheckResult("config", .error, problem, fix: "correct \(path)")
            }
            return CheckResult("config", .ok, "\(path) (mode \(octal))")
        case .notRead:
            return CheckResult("config", .ok, "not read: only miditask-api uses it, and it is not installed")
        }
    }

    /// Whether a key is set and where from; the key itself is never read out.
    static func apiKey(_ facts: MachineFacts) -> CheckResult {
        if facts.configFile == .notRead {
            return CheckResult("apikey", .ok, "not checked: only miditask-api uses it, and it is not installed")
        }
        if case .present(_, _, let problem?) = facts.configFile, facts.apiKeySource == nil {
            return CheckResult("apikey", .warning, "not known: the config file did not load (\(problem))",
                               fix: "see the config line")
        }
        if let source = facts.apiKeySource {
            return CheckResult("apikey", .ok, "configured (from \(source))")
        }
        return CheckResult("apikey", .warning, "none: fetch and task ids from the API will not work (files do)",
                           fix: "set MIDITASK_API_KEY, or api_key in the config file (mode 0600)")
    }
}
