// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
import Testing
@testable import TaskAPI

@Suite struct APIConfigurationTests {
    static func configHome(_ text: String, mode: mode_t) throws -> [String: String] {
        let home = temporaryDirectory("config")
        try FileManager.default.createDirectory(atPath: home + "/miditask", withIntermediateDirectories: true)
        let path = home + "/miditask/config"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, mode)
        return ["XDG_CONFIG_HOME": home]
    }

    @Test func environmentGivesKeyAndBaseURL() throws {
        let config = try APIConfiguration.load(baseURLOption: nil, environment: [
            "MIDITASK_API_KEY": "k1", "MIDITASK_API_BASE": "https://api.example.com/", "XDG_CONFIG_HOME": "/nonexistent"])
        #expect(config.key?.secret == "k1")
        #expect(config.baseURL == "https://api.example.com")
    }

    @Test func optionWinsOverEnvironment() throws {
        let config = try APIConfiguration.load(baseURLOption: "https://b.example.com", environment: [
            "MIDITASK_API_BASE": "https://a.example.com", "XDG_CONFIG_HOME": "/nonexistent"])
        #expect(config.baseURL == "https://b.example.com")
    }

    @Test func privateConfigFileIsRead() throws {
        let env = try Self.configHome("# mine\napi_key = \"k2\"\nbase_url = https://c.example.com\n", mode: 0o600)
        let config = try APIConfiguration.load(baseURLOption: nil, environment: env)
        #expect(config.key?.secret == "k2")
        #expect(config.baseURL == "https://c.example.com")
    }

    @Test func configFileReadableByOthersIsRefused() throws {
        let env = try Self.configHome("api_key = k3\n", mode: 0o644)
        do {
            _ = try APIConfiguration.load(baseURLOption: nil, environment: env)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("chmod 600"))
            #expect(!error.description.contains("k3"))
        }
    }

    @Test func unknownSettingNamesItsLine() throws {
        let env = try Self.configHome("api_key = k\napikey = typo\n", mode: 0o600)
        do {
            _ = try APIConfiguration.load(baseURLOption: nil, environment: env)
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("config:2"))
        }
    }

    @Test func missingBaseURLTellsHowToSetIt() throws {
        let config = try APIConfiguration.load(baseURLOption: nil, environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        do {
            _ = try config.requireBaseURL()
            Issue.record("expected an error")
        } catch {
            #expect(error.description.contains("--base-url"))
            #expect(error.description.contains("MIDITASK_API_BASE"))
        }
    }

    @Test func plainHTTPIsRefusedExceptToLoopback() throws {
        #expect(throws: TaskAPIError.self) {
            try APIConfiguration.load(baseURLOption: "http://api.example.com", environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        }
        let local = try APIConfiguration.load(baseURLOption: "http://127.0.0.1:9000", environment: ["XDG_CONFIG_HOME": "/nonexistent"])
        #expect(local.baseURL == "http://127.0.0.1:9000")
    }

    @Test func keyPrintsRedacted() {
        let key = APIKey("very-secret")
        #expect("\(key)" == "<redacted>")
        #expect(String(reflecting: key) == "<redacted>")
    }
}
