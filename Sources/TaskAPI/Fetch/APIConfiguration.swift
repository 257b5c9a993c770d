// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The API key and base URL, from the options, the environment and the
/// config file, in that order.
///
/// The config file is `$XDG_CONFIG_HOME/miditask/config` (default
/// `~/.config/miditask/config`): `name = value` lines, `#` comments, names
/// `api_key` and `base_url`. Because it may hold the key, it must not be
/// readable by group or others.
public struct APIConfiguration: Sendable {
    public var key: APIKey?
    /// Without a trailing slash, e.g. `https://api.example.com`.
    public var baseURL: String?
    /// Where the base URL came from, for messages.
    public var baseURLSource: String

    /// The API's own server as its documentation names it; suggested in
    /// messages, never used unless the user sets it.
    public static let documentedServer = "https://api.apikley.ru"

    public init(key: APIKey?, baseURL: String?, baseURLSource: String = "--base-url") {
        self.key = key
        self.baseURL = baseURL
        self.baseURLSource = baseURLSource
    }

    /// Reads the configuration; a config file that exists but is unsafe or
    /// malformed is an error even when the environment sets everything.
    public static func load(baseURLOption: String?, environment: [String: String]) throws(TaskAPIError) -> APIConfiguration {
        var file: ConfigFile?
        if let path = configFile(environment) { file = try readConfigFile(path) }
        var key: APIKey?
        if let k = environment["MIDITASK_API_KEY"], !k.isEmpty {
            key = APIKey(k)
        } else if let k = file?.values["api_key"], !k.isEmpty {
            key = APIKey(k)
        }
        var base: (String, String)?
        if let b = baseURLOption, !b.isEmpty {
            base = (b, "--base-url")
        } else if let b = environment["MIDITASK_API_BASE"], !b.isEmpty {
            base = (b, "MIDITASK_API_BASE")
        } else if let file, let b = file.values["base_url"], !b.isEmpty {
            base = (b, file.path)
        }
        guard let base else {
            return APIConfiguration(key: key, baseURL: nil, baseURLSource: "")
        }
        let (raw, source) = base
        return APIConfiguration(key: key, baseURL: try validateBaseURL(raw, source: source), baseURLSource: source)
    }

    /// The base URL, or an error telling how to set one.
    public func requireBaseURL() throws(TaskAPIError) -> String {
        guard let baseURL else {
            throw .configuration("""
                no API base URL: set --base-url, MIDITASK_API_BASE, or base_url in the config file \
                (the API's documentation names \(Self.documentedServer))
                """)
        }
        return baseURL
    }

    /// The key, or an error telling how to set one.
    public func requireKey() throws(TaskAPIError) -> APIKey {
        guard let key else {
            throw .configuration("no API key: set MIDITASK_API_KEY, or api_key in the config file (mode 0600)")
        }
        return key
    }

    /// The config file's path, whether or not it exists.
    public static func configPath(_ environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], xdg.hasPrefix("/") { return xdg + "/miditask/config" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/miditask/config"
    }

    private static func configFile(_ environment: [String: String]) -> String? {
        guard let path = configPath(environment), access(path, F_OK) == 0 else { return nil }
        return path
    }

    private struct ConfigFile {
        var path: String
        var values: [String: String]
    }

    private static func readConfigFile(_ path: String) throws(TaskAPIError) -> ConfigFile {
        var st = stat()
        guard stat(path, &st) == 0 else {
            throw .configuration("\(path): \(String(cString: strerror(errno)))")
        }
        if st.st_mode & 0o077 != 0 {
            let mode = String(st.st_mode & 0o777, radix: 8)
            throw .configuration("\(path) is open to group or others (mode \(mode)) and may hold the API key; "
                + "run: chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw .configuration("\(path): cannot read it as UTF-8 text")
        }
        var values: [String: String] = [:]
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty || trimmed.hasPrefix("#") { continue }
            guard let eq = trimmed.firstIndex(of: "=") else {
                throw .configuration("\(path):\(number + 1): expected name = value")
            }
            let name = trimmed[..<eq].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.hasPrefix("\""), value.hasSuffix("\"") {
                value = String(value.dropFirst().dropLast())
            }
            guard name == "api_key" || name == "base_url" else {
                throw .configuration("\(path):\(number + 1): unknown setting \"\(name)\" (known: api_key, base_url)")
            }
            values[name] = value
        }
        return ConfigFile(path: path, values: values)
    }

    /// Checks a base URL; plain http is allowed to loopback only, so the key
    /// never crosses a network in clear text.
    static func validateBaseURL(_ raw: String, source: String) throws(TaskAPIError) -> String {
        var text = raw
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), let host = url.host, !host.isEmpty,
              url.query == nil, url.fragment == nil else {
            throw .configuration("\(source): \"\(raw)\" is not a base URL like https://api.example.com")
        }
        switch scheme {
        case "https":
            break
        case "http":
            let loopback = host == "localhost" || host.hasPrefix("127.") || host == "::1" || host == "[::1]"
            guard loopback else {
                throw .configuration("\(source): \"\(raw)\" uses plain http to a remote host, which would send the "
                    + "API key in clear text; use https")
            }
        default:
            throw .configuration("\(source): \"\(raw)\" must start with https://")
        }
        return text
    }
}
