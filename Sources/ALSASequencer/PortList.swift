/// The sequencer's ports, as `miditask ports` lists them.
public enum PortList {
    /// The ports that can be played to: writable by subscription, not the
    /// system's and not the listing client's own.
    public static func playable(clientName: String = "miditask") throws(ALSAError) -> [PortDescription] {
        let client = try SequencerClient(name: clientName)
        return try client.playablePorts()
    }
}
