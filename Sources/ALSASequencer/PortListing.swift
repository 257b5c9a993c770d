// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDITask

/// A port list as `miditask ports` prints it: an aligned table, or JSON.
public enum PortListing {
    public static func table(_ ports: [PortDescription]) -> String {
        guard !ports.isEmpty else { return "no writable MIDI ports\n" }
        let clientWidth = max(11, ports.map(\.clientName.count).max() ?? 0)
        let portWidth = max(9, ports.map(\.portName.count).max() ?? 0)
        var text = " Port    " + pad("Client name", clientWidth) + "  " + pad("Port name", portWidth) + "  Kind\n"
        for port in ports {
            text += " " + pad(port.address.description, 7) + " " + pad(port.clientName, clientWidth) + "  "
                + pad(port.portName, portWidth) + "  \(port.kind.rawValue) (\(port.clientType.rawValue))\n"
        }
        return text
    }

    public static func json(_ ports: [PortDescription]) -> String {
        let objects = ports.map { port in
            "  {\"address\": \(JSONText.quote(port.address.description)), \"client\": \(port.address.client), "
                + "\"port\": \(port.address.port), \"clientName\": \(JSONText.quote(port.clientName)), "
                + "\"portName\": \(JSONText.quote(port.portName)), \"kind\": \(JSONText.quote(port.kind.rawValue)), "
                + "\"clientType\": \(JSONText.quote(port.clientType.rawValue))}"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
