internal import CALSA
import Glibc
import MIDIWire

/// Plays MIDI to sequencer ports: hardware synths, USB MIDI interfaces,
/// software synths, recorders.
///
/// Opens a client named "miditask" with one output port that others may also
/// subscribe to (to record or monitor what plays), connects it to the
/// destinations, and sends each message directly to the subscribers the
/// moment the scheduler hands it over.
///
/// A destination that goes away (its client exits, the USB cable is pulled,
/// someone disconnects it) is noticed from the kernel's announcements, read
/// without blocking on every `flush`, and reported as
/// `MIDIOutputError` with `deviceGone`: ALSA itself accepts events for
/// subscribers that are no longer there without complaint. (The scheduler
/// flushes after every instant that has events, so a gone destination is
/// noticed at the next event; a long rest delays it.)
///
/// A gone destination is reported once; sending still works afterwards, so
/// the silencing that follows reaches the destinations that remain.
///
/// `deinit` drains the output before the client closes, so whatever the
/// caller sent last (the silencing note-offs) reaches the device.
/// Used by one thread at a time (the scheduler thread once playing).
public final class ALSAMIDIOutput: MIDIOutput {
    private let client: SequencerClient
    /// Our port that the destinations are subscribed to.
    public let source: PortAddress
    /// The ports played to, as resolved.
    public let destinations: [PortDescription]
    /// Destinations whose end has been reported; they are not reported again.
    private var reportedGone: Set<PortAddress> = []

    /// Opens the sequencer, resolves the specs to ports and connects to them.
    ///
    /// - Parameters:
    ///   - specs: at least one destination.
    ///   - waitSeconds: how long to wait for ports that are not there yet
    ///     (plugged in after the command started); nil or 0 fails at once.
    /// - Throws: `ALSAError` (no sequencer, connection refused) or
    ///   `PortResolutionError` (unknown, ambiguous, never appeared).
    public init(ports specs: [PortSpec], waitSeconds: Double? = nil, clientName: String = "miditask") throws {
        precondition(!specs.isEmpty, "an ALSA output needs at least one destination")
        client = try SequencerClient(name: clientName, directions: [.output, .input], nonBlocking: true)
        source = try client.createPort(name: "\(clientName) output",
                                       capabilities: [.read, .subscriptionRead],
                                       type: [.midiGeneric, .application])
        // Only we subscribe it, to the announce port; others need not see it.
        let listener = try client.createPort(name: "\(clientName) announcements",
                                             capabilities: [.write, .noExport], type: [.application])
        try client.connect(listener, from: .systemAnnounce)

        destinations = try Self.waitForPorts(specs, client: client, seconds: waitSeconds ?? 0)
        for port in destinations {
            try client.connect(source, to: port.address)
        }
        // The announcements of our own connecting stay queued: `flush` skips
        // them, and a destination gone since is among them.
    }

    deinit {
        try? client.drain()
    }

    /// Resolves the specs, waiting on announcements while some port is missing.
    private static func waitForPorts(_ specs: [PortSpec], client: SequencerClient, seconds: Double) throws -> [PortDescription] {
        let clock = ContinuousClock()
        let deadline = clock.now + .milliseconds(Int64((max(0, seconds) * 1000).rounded()))
        while true {
            let ports = try client.playablePorts()
            do throws(PortResolutionError) {
                return try PortSpec.resolve(specs, in: ports)
            } catch {
                guard error.problem == .noMatch else { throw error }
                let left = clock.now.duration(to: deadline)
                guard left > .zero else {
                    if seconds <= 0 { throw error }
                    throw PortResolutionError(spec: error.spec, problem: .timedOut(seconds: seconds), candidates: error.candidates)
                }
                let ms = left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000 + 1
                // Any announcement may be the port appearing: read them all, then look again.
                if client.waitForInput(milliseconds: Int32(clamping: ms)) {
                    while let _ = try client.nextAnnouncement() {}
                }
            }
        }
    }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        // Announcements are read in `flush`, once per instant, not per event.
        guard var event = snd_seq_event_t(message, from: source.port) else { return }
        do {
            try client.sendDirect(&event, to: destinationList)
        } catch {
            throw outputError(error)
        }
    }

    public func flush() throws(MIDIOutputError) {
        try watchDestinations()
        do {
            try client.drain()
        } catch {
            throw outputError(error)
        }
    }

    /// Reads pending announcements and fails if one ends a destination.
    private func watchDestinations() throws(MIDIOutputError) {
        while true {
            let announcement: Announcement?
            do {
                announcement = try client.nextAnnouncement()
            } catch {
                throw outputError(error)
            }
            guard let announcement else { return }
            if announcement == .lost {
                try checkDestinationsStillExist()
                continue
            }
            for port in destinations where announcement.ends(source: source, destination: port.address) {
                guard reportedGone.insert(port.address).inserted else { continue }
                throw MIDIOutputError(operation: "play to port \(port.address) (\(port.clientName))",
                                      reason: Self.reason(announcement), deviceGone: true)
            }
        }
    }

    /// After announcements were lost: looks the destinations up instead.
    private func checkDestinationsStillExist() throws(MIDIOutputError) {
        let present: Set<PortAddress>
        do {
            present = Set(try client.allPorts().map(\.address))
        } catch {
            throw outputError(error)
        }
        for port in destinations where !present.contains(port.address) {
            guard reportedGone.insert(port.address).inserted else { continue }
            throw MIDIOutputError(operation: "play to port \(port.address) (\(port.clientName))",
                                  reason: "the port was removed", deviceGone: true)
        }
    }

    private static func reason(_ announcement: Announcement) -> String {
        switch announcement {
        case .clientExited: "the client went away (program exited or device unplugged)"
        case .portExited: "the port was removed"
        default: "the port was disconnected"
        }
    }

    private var destinationList: String {
        destinations.map(\.address.description).joined(separator: ", ")
    }

    /// Errors that mean the destination cannot be reached any more end playback.
    private func outputError(_ error: ALSAError) -> MIDIOutputError {
        let gone = [-ENOENT, -ENXIO, -ENODEV, -EPIPE, -ESHUTDOWN].contains(error.code)
        return MIDIOutputError(operation: error.operation, reason: error.reason, deviceGone: gone)
    }
}
