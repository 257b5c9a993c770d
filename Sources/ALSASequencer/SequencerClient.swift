// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CALSA
import Glibc

/// An open connection to the ALSA sequencer: one client with its ports.
///
/// Owns the `snd_seq_t` handle and closes it in `deinit`, which also removes
/// the client's ports and subscriptions. Not thread-safe: one thread at a time.
public final class SequencerClient {
    let handle: OpaquePointer
    /// This client's number, assigned by the kernel.
    public let id: UInt8

    public struct Direction: OptionSet, Sendable {
        public var rawValue: Int32
        public init(rawValue: Int32) { self.rawValue = rawValue }
        public static let output = Self(rawValue: SND_SEQ_OPEN_OUTPUT)
        public static let input = Self(rawValue: SND_SEQ_OPEN_INPUT)
    }

    /// Opens the sequencer and names the client.
    /// - Parameter nonBlocking: reads return at once when nothing is waiting
    ///   (needed to poll announcements from the playback thread).
    public init(name: String, directions: Direction = .output, nonBlocking: Bool = false) throws(ALSAError) {
        var handle: OpaquePointer?
        do throws(ALSAError) {
            try check(LibASound.open(&handle, streams: directions.rawValue, mode: nonBlocking ? SND_SEQ_NONBLOCK : 0),
                      "open sequencer")
        } catch where error.code == -ENOENT {
            // The device node is absent: the kernel has no sequencer loaded
            // (containers and minimal VMs), which the bare errno text hides.
            throw error.advising(Self.missingSequencerAdvice)
        }
        guard let handle else { preconditionFailure("snd_seq_open succeeded without a handle") }
        self.handle = handle
        do throws(ALSAError) {
            try check(LibASound.setClientName(handle, name), "set client name")
            id = UInt8(truncatingIfNeeded: try check(LibASound.clientID(handle), "get client id"))
        } catch {
            _ = LibASound.close(handle)
            throw error
        }
    }

    deinit {
        _ = LibASound.close(handle)
    }

    /// Told when opening finds no sequencer device.
    static let missingSequencerAdvice =
        "the ALSA sequencer is missing: there is no /dev/snd/seq; load the snd-seq kernel module, e.g. `sudo modprobe snd-seq`"

    /// Creates a port of this client and returns its address.
    public func createPort(name: String, capabilities: PortCapabilities, type: PortType) throws(ALSAError) -> PortAddress {
        let port = try check(LibASound.createSimplePort(handle, name, caps: capabilities.rawValue, type: type.rawValue),
                             "create port \"\(name)\"")
        return PortAddress(client: id, port: UInt8(truncatingIfNeeded: port))
    }

    /// Subscribes `destination` to what our `port` sends.
    public func connect(_ port: PortAddress, to destination: PortAddress) throws(ALSAError) {
        try check(LibASound.connectTo(handle, myPort: Int32(port.port), client: Int32(destination.client),
                                      port: Int32(destination.port)),
                  "connect to port \(destination)")
    }

    /// Subscribes our `port` to what `source` sends.
    public func connect(_ port: PortAddress, from source: PortAddress) throws(ALSAError) {
        try check(LibASound.connectFrom(handle, myPort: Int32(port.port), client: Int32(source.client),
                                        port: Int32(source.port)),
                  "subscribe to port \(source)")
    }

    /// Sends an event at once, past any queue, to whom it is addressed.
    func sendDirect(_ event: inout snd_seq_event_t, to what: @autoclosure () -> String) throws(ALSAError) {
        try check(LibASound.outputDirect(handle, &event), "send event to \(what())")
    }

    /// Puts an event in the output buffer (for a queue: `drain` hands it over).
    func sendBuffered(_ event: inout snd_seq_event_t, to what: @autoclosure () -> String) throws(ALSAError) {
        try check(LibASound.outputBuffered(handle, &event), "queue event for \(what())")
    }

    /// How many events the kernel may hold for us at once (queued, not yet sent).
    func setOutputPool(_ size: Int) throws(ALSAError) {
        try check(LibASound.setClientPoolOutput(handle, size), "size the sequencer output pool")
    }

    /// Events written to the kernel and not yet delivered; nil if it cannot say.
    var eventsInFlight: Int? { LibASound.outputPoolInUse(handle) }

    /// Writes whatever is buffered for output to the kernel.
    public func drain() throws(ALSAError) {
        try check(LibASound.drainOutput(handle), "drain output")
    }

    /// The next announcement waiting on an input port, or nil when none is.
    ///
    /// Needs a non-blocking client opened for input; otherwise it waits.
    public func nextAnnouncement() throws(ALSAError) -> Announcement? {
        var event: UnsafeMutablePointer<snd_seq_event_t>?
        let status = LibASound.input(handle, &event)
        if status == -EAGAIN { return nil }
        if status == -ENOSPC { return .lost }
        try check(status, "read sequencer input")
        guard let event else { return nil }
        return Announcement(event.pointee)
    }

    /// Waits until input arrives or `milliseconds` pass; true if input is there.
    public func waitForInput(milliseconds: Int32) -> Bool {
        wait(for: Int16(POLLIN), milliseconds: milliseconds)
    }

    /// Waits until the kernel has room for more output or `milliseconds` pass; true if it has.
    func waitForOutputRoom(milliseconds: Int32) -> Bool {
        wait(for: Int16(POLLOUT), milliseconds: milliseconds)
    }

    /// Polls the client's descriptors for `events`; true if one is ready within `milliseconds`.
    private func wait(for events: Int16, milliseconds: Int32) -> Bool {
        let count = LibASound.pollDescriptorsCount(handle, events: events)
        guard count > 0 else { return false }
        var fds = [pollfd](repeating: pollfd(), count: Int(count))
        let filled = fds.withUnsafeMutableBufferPointer {
            LibASound.pollDescriptors(handle, $0.baseAddress!, UInt32(count), events: events)
        }
        guard filled > 0 else { return false }
        return Glibc.poll(&fds, nfds_t(filled), milliseconds) > 0
    }

    /// Every port of every client, by address.
    public func allPorts() throws(ALSAError) -> [PortDescription] {
        var clientInfo: OpaquePointer?
        var portInfo: OpaquePointer?
        try check(LibASound.clientInfoMalloc(&clientInfo), "allocate client info")
        defer { LibASound.clientInfoFree(clientInfo!) }
        try check(LibASound.portInfoMalloc(&portInfo), "allocate port info")
        defer { LibASound.portInfoFree(portInfo!) }
        let client = clientInfo!, port = portInfo!

        var ports: [PortDescription] = []
        LibASound.clientInfoSetClient(client, -1)
        while LibASound.queryNextClient(handle, client) >= 0 {
            let number = LibASound.clientInfoClient(client)
            let clientName = LibASound.clientInfoName(client)
            let clientType: ClientType = LibASound.clientInfoType(client) == SND_SEQ_KERNEL_CLIENT.rawValue ? .kernel : .user
            LibASound.portInfoSetClient(port, number)
            LibASound.portInfoSetPort(port, -1)
            while LibASound.queryNextPort(handle, port) >= 0 {
                ports.append(PortDescription(
                    address: PortAddress(client: UInt8(truncatingIfNeeded: number),
                                         port: UInt8(truncatingIfNeeded: LibASound.portInfoPort(port))),
                    clientName: clientName,
                    portName: LibASound.portInfoName(port),
                    clientType: clientType,
                    capabilities: PortCapabilities(rawValue: LibASound.portInfoCapability(port)),
                    type: PortType(rawValue: LibASound.portInfoType(port))))
            }
        }
        return ports.sorted { $0.address < $1.address }
    }

    /// The ports `play --port` can send to, leaving out this client's own.
    public func playablePorts() throws(ALSAError) -> [PortDescription] {
        try allPorts().playable(excludingClient: id)
    }
}

extension Announcement {
    init(_ event: snd_seq_event_t) {
        let addr = PortAddress(client: event.data.addr.client, port: event.data.addr.port)
        switch UInt32(event.type) {
        case SND_SEQ_EVENT_CLIENT_START.rawValue: self = .clientStarted(addr.client)
        case SND_SEQ_EVENT_CLIENT_EXIT.rawValue: self = .clientExited(addr.client)
        case SND_SEQ_EVENT_PORT_START.rawValue: self = .portStarted(addr)
        case SND_SEQ_EVENT_PORT_EXIT.rawValue: self = .portExited(addr)
        case SND_SEQ_EVENT_PORT_CHANGE.rawValue: self = .portChanged(addr)
        case SND_SEQ_EVENT_PORT_SUBSCRIBED.rawValue, SND_SEQ_EVENT_PORT_UNSUBSCRIBED.rawValue:
            let connect = event.data.connect
            let sender = PortAddress(client: connect.sender.client, port: connect.sender.port)
            let dest = PortAddress(client: connect.dest.client, port: connect.dest.port)
            self = UInt32(event.type) == SND_SEQ_EVENT_PORT_SUBSCRIBED.rawValue
                ? .subscribed(sender: sender, destination: dest)
                : .unsubscribed(sender: sender, destination: dest)
        default: self = .other
        }
    }
}
