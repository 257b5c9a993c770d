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
            "  {\"address\": \(quote(port.address.description)), \"client\": \(port.address.client), "
                + "\"port\": \(port.address.port), \"clientName\": \(quote(port.clientName)), "
                + "\"portName\": \(quote(port.portName)), \"kind\": \(quote(port.kind.rawValue)), "
                + "\"clientType\": \(quote(port.clientType.rawValue))}"
        }
        return objects.isEmpty ? "[]\n" : "[\n" + objects.joined(separator: ",\n") + "\n]\n"
    }

    private static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// A JSON string literal; names come from drivers and programs, so anything may be in them.
    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
