// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// One sequencer port as the system lists it.
public struct PortDescription: Sendable, Hashable {
    public var address: PortAddress
    public var clientName: String
    public var portName: String
    public var clientType: ClientType
    public var capabilities: PortCapabilities
    public var type: PortType

    public init(address: PortAddress, clientName: String, portName: String,
                clientType: ClientType, capabilities: PortCapabilities, type: PortType) {
        self.address = address
        self.clientName = clientName
        self.portName = portName
        self.clientType = clientType
        self.capabilities = capabilities
        self.type = type
    }

    /// Whether the port is a device (a MIDI interface, a sound card's synth)
    /// or a program (a software synth, a recorder).
    public enum Kind: String, Sendable, Hashable {
        case hardware
        case software
    }

    /// The port's own type decides; a port that says nothing either way is
    /// judged by its client (kernel clients are drivers).
    ///
    /// Kernel virtual devices such as snd-virmidi say both "software" and
    /// "port"; "software" wins, because no cable leaves the machine.
    public var kind: Kind {
        if type.contains(.hardware) { return .hardware }
        if !type.isDisjoint(with: [.software, .application, .synth]) { return .software }
        if type.contains(.port) { return .hardware }
        return clientType == .kernel ? .hardware : .software
    }

    /// Whether another client may send to it through a subscription, as
    /// `miditask play --port` does.
    public var acceptsSubscribedOutput: Bool {
        capabilities.isSuperset(of: [.write, .subscriptionWrite]) && !capabilities.contains(.noExport)
    }

    /// "24:0  Client name  Port name", as the error messages list ports.
    public var listing: String { "\(address) \(clientName) / \(portName)" }
}

extension [PortDescription] {
    /// The ports `play --port` can use: writable by subscription, not the
    /// system client's, not `excludingClient`'s (our own), by address.
    public func playable(excludingClient own: UInt8?) -> [PortDescription] {
        filter { $0.acceptsSubscribedOutput && $0.address.client != PortAddress.systemClient && $0.address.client != own }
            .sorted { $0.address < $1.address }
    }
}
