// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// A sequencer port: a client number and a port number within it ("24:0").
public struct PortAddress: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var client: UInt8
    public var port: UInt8

    public init(client: UInt8, port: UInt8) {
        self.client = client
        self.port = port
    }

    /// Parses "client:port" with decimal numbers; nil for anything else.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2,
              parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy(\.isASCII) }),
              let client = UInt8(parts[0]), let port = UInt8(parts[1])
        else { return nil }
        self.init(client: client, port: port)
    }

    /// The system client's announce port, where the kernel reports clients
    /// and ports coming and going.
    public static let systemAnnounce = PortAddress(client: 0, port: 1)

    public static let systemClient: UInt8 = 0

    public var description: String { "\(client):\(port)" }

    public static func < (a: Self, b: Self) -> Bool {
        (a.client, a.port) < (b.client, b.port)
    }
}
