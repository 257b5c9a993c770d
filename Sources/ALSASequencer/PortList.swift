// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The sequencer's ports, as `miditask ports` lists them.
public enum PortList {
    /// The ports that can be played to: writable by subscription, not the
    /// system's and not the listing client's own.
    public static func playable(clientName: String = "miditask") throws(ALSAError) -> [PortDescription] {
        let client = try SequencerClient(name: clientName)
        return try client.playablePorts()
    }
}
