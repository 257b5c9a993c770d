// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// How the user names a destination port: by numbers, which change between
/// boots, or by name, which does not.
public enum PortSpec: Sendable, Hashable, CustomStringConvertible {
    /// "24:0".
    case address(PortAddress)
    /// "24": the one playable port of client 24.
    case client(UInt8)
    /// "Midi Through:0": port 0 of the client of that exact name.
    case clientNameAndPort(String, UInt8)
    /// A client or port name, or a unique case-insensitive part of one.
    case name(String)

    /// Reads one spec; nil when it is empty.
    public init?(_ text: String) {
        let text = text.trimmingCharacters(in: " \t")
        guard !text.isEmpty else { return nil }
        if let address = PortAddress(text) {
            self = .address(address)
        } else if text.allSatisfy({ $0.isASCII && $0.isNumber }), let client = UInt8(text) {
            self = .client(client)
        } else if let colon = text.lastIndex(of: ":"), colon != text.startIndex,
                  let port = UInt8(text[text.index(after: colon)...]) {
            self = .clientNameAndPort(String(text[..<colon]), port)
        } else {
            self = .name(text)
        }
    }

    /// Reads specs given as repeated options, each possibly a comma-separated
    /// list; empty items are left out.
    public static func list(from values: [String]) -> [PortSpec] {
        values.flatMap { $0.split(separator: ",") }.compactMap { PortSpec(String($0)) }
    }

    public var description: String {
        switch self {
        case .address(let address): address.description
        case .client(let client): "\(client)"
        case .clientNameAndPort(let name, let port): "\(name):\(port)"
        case .name(let name): name
        }
    }

    /// Picks the one port among `ports` that this spec means.
    ///
    /// For a name: an exact (case-insensitive) client or port name wins over a
    /// part of one; several matches at the winning level are ambiguous.
    /// - Parameter ports: the candidates, usually `playable(excludingClient:)`.
    public func resolve(in ports: [PortDescription]) throws(PortResolutionError) -> PortDescription {
        let matches: [PortDescription]
        switch self {
        case .address(let address):
            matches = ports.filter { $0.address == address }
        case .client(let client):
            matches = ports.filter { $0.address.client == client }
        case .clientNameAndPort(let name, let port):
            let key = name.lowercased()
            matches = ports.filter { $0.clientName.lowercased() == key && $0.address.port == port }
        case .name(let name):
            let key = name.lowercased()
            let exact = ports.filter { $0.clientName.lowercased() == key || $0.portName.lowercased() == key }
            matches = exact.isEmpty
                ? ports.filter { $0.clientName.lowercased().contains(key) || $0.portName.lowercased().contains(key) }
                : exact
        }
        switch matches.count {
        case 1: return matches[0]
        case 0: throw PortResolutionError(spec: self, problem: .noMatch, candidates: ports)
        default: throw PortResolutionError(spec: self, problem: .ambiguous, candidates: matches)
        }
    }

    /// Resolves every spec, leaving out repeats of one port; order is kept.
    public static func resolve(_ specs: [PortSpec], in ports: [PortDescription]) throws(PortResolutionError) -> [PortDescription] {
        var chosen: [PortDescription] = []
        for spec in specs {
            let port = try spec.resolve(in: ports)
            if !chosen.contains(where: { $0.address == port.address }) { chosen.append(port) }
        }
        return chosen
    }
}

/// A port spec that names no port, or several.
public struct PortResolutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Problem: Sendable, Equatable {
        case noMatch
        case ambiguous
        /// Waited this many seconds for it to appear.
        case timedOut(seconds: Double)
    }

    public var spec: PortSpec
    public var problem: Problem
    /// For `ambiguous`, the ports that match; otherwise every port there is.
    public var candidates: [PortDescription]

    public init(spec: PortSpec, problem: Problem, candidates: [PortDescription]) {
        self.spec = spec
        self.problem = problem
        self.candidates = candidates
    }

    public var description: String {
        let head: String
        switch problem {
        case .noMatch: head = "no writable MIDI port matches \"\(spec)\""
        case .ambiguous: head = "\"\(spec)\" matches \(candidates.count) ports; name one of them"
        case .timedOut(let seconds):
            head = "no writable MIDI port matching \"\(spec)\" appeared within \(seconds.formatted1) s"
        }
        if candidates.isEmpty { return head + " (there are no writable MIDI ports)" }
        let label = problem == .ambiguous ? "" : " the ports are:"
        return head + (label.isEmpty ? ":" : ";" + label)
            + candidates.map { "\n  \($0.listing)" }.joined()
    }
}

extension Double {
    /// At most one decimal, no trailing ".0": 5, 0.5, 2.5.
    var formatted1: String {
        let tenths = (self * 10).rounded()
        return tenths.truncatingRemainder(dividingBy: 10) == 0 ? "\(Int(tenths / 10))" : "\(tenths / 10)"
    }
}

extension String {
    func trimmingCharacters(in set: String) -> String {
        let strip = Set(set)
        return String(drop(while: strip.contains).reversed().drop(while: strip.contains).reversed())
    }
}
