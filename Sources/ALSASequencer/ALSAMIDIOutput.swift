// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CALSA
import Glibc
import MIDIWire
import SystemClock

/// Plays MIDI to sequencer ports: hardware synths, USB MIDI interfaces,
/// software synths, recorders.
///
/// Opens a client named "miditask" with one output port that others may also
/// subscribe to (to record or monitor what plays) and connects it to the
/// destinations. Without a queue, each message goes directly to the
/// subscribers the moment the scheduler hands it over. With one (`queued`),
/// a message handed with a due time (`setDueTime`) waits in a sequencer
/// queue of its own, timestamped, and the kernel's timer sends it then,
/// however late our thread runs; `retract` takes back what has not gone out
/// (a pause, a seek, a stop), and messages without a due time (the silence
/// after a stop) still go directly.
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
    /// Where messages with a due time wait, when queued (see `init`).
    private let queue: SequencerQueue?
    /// The queue's clock against CLOCK_MONOTONIC (see `QueueClock`).
    private var queueClock = QueueClock()
    /// The due time of the messages being sent, until the next flush.
    private var due: MonotonicInstant?

    /// The timer the queue runs on; nil when messages go directly.
    public var queueTimer: QueueTimer? { queue?.timer }

    /// Opens the sequencer, resolves the specs to ports and connects to them.
    ///
    /// - Parameters:
    ///   - specs: at least one destination.
    ///   - waitSeconds: how long to wait for ports that are not there yet
    ///     (plugged in after the command started); nil or 0 fails at once.
    ///   - queued: whether messages with a due time wait in a queue (see above).
    /// - Throws: `ALSAError` (no sequencer, connection refused) or
    ///   `PortResolutionError` (unknown, ambiguous, never appeared).
    public init(ports specs: [PortSpec], waitSeconds: Double? = nil, clientName: String = "miditask",
                queued: Bool = false) throws {
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
        if queued {
            // Room for a dense window of events: the default pool (a few hundred) fills
            // with a dozen instruments and a MIDI clock a quarter second ahead.
            try client.setOutputPool(Self.outputPool)
            let queue = try SequencerQueue(client: client, name: clientName)
            self.queue = queue
            queueClock.start(try queueClock.measure(queue) ?? 0)
        } else {
            queue = nil
        }
        // The announcements of our own connecting stay queued: `flush` skips
        // them, and a destination gone since is among them.
    }

    /// Events the kernel may hold for us (its largest pool).
    static let outputPool = 2000

    deinit {
        try? client.drain()
        // Whatever is still queued (the end's last events, due now) goes out
        // before the client and its queue close, which would drop it.
        if queue != nil {
            let deadline = MonotonicInstant.now() + .seconds(1)
            while let pending = client.eventsInFlight, pending > 0, MonotonicInstant.now() < deadline {
                MonotonicInstant.sleep(until: MonotonicInstant.now() + .milliseconds(1))
            }
        }
    }

    /// Resolves the specs, waiting on announcements while some port is missing.
    private static func waitForPorts(_ specs: [PortSpec], client: SequencerClient, seconds: Double) throws -> [PortDescription] {
        let deadline = MonotonicInstant.now() + .milliseconds(Int64((max(0, seconds) * 1000).rounded()))
        while true {
            let ports = try client.playablePorts()
            do throws(PortResolutionError) {
                return try PortSpec.resolve(specs, in: ports)
            } catch {
                guard error.problem == .noMatch else { throw error }
                let left = deadline - MonotonicInstant.now()
                guard left > .zero else {
                    if seconds <= 0 { throw error }
                    throw PortResolutionError(spec: error.spec, problem: .timedOut(seconds: seconds), candidates: error.candidates)
                }
                let ms = left.nanoseconds / 1_000_000 + 1
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
        do throws(ALSAError) {
            if let queue, let due {
                event.schedule(on: queue.id, at: queueClock.queueTime(of: due.nanoseconds))
                try sendQueued(&event)
            } else {
                try client.sendDirect(&event, to: destinationList)
            }
        } catch {
            throw outputError(error)
        }
    }

    /// Buffers a queued event; when the kernel's pool is full (a window
    /// denser than it holds), waits a little for room, then sends it at once
    /// rather than lose it.
    private func sendQueued(_ event: inout snd_seq_event_t) throws(ALSAError) {
        do throws(ALSAError) {
            try client.sendBuffered(&event, to: destinationList)
        } catch where error.code == -EAGAIN {
            if client.waitForOutputRoom(milliseconds: 20) {
                do throws(ALSAError) {
                    try client.sendBuffered(&event, to: destinationList)
                    return
                } catch where error.code == -EAGAIN {}
            }
            event.sendDirectly()
            try client.sendDirect(&event, to: destinationList)
        }
    }

    public func flush() throws(MIDIOutputError) {
        due = nil
        try watchDestinations()
        do throws(ALSAError) {
            try client.drain()
        } catch where error.code == -EAGAIN {
            // The kernel's pool is full: the rest stays buffered for the next flush.
        } catch {
            throw outputError(error)
        }
        if let queue { queueClock.keepInStep(with: queue) }
    }

    public func setDueTime(_ instant: MonotonicInstant) {
        if queue != nil { due = instant }
    }

    public var queuesAhead: Bool { queue != nil }

    public func retract(from instant: MonotonicInstant) throws(MIDIOutputError) -> MonotonicInstant {
        guard let queue else { return instant }
        do throws(ALSAError) {
            let cut = instant == .distantPast ? 0 : queueClock.queueTime(of: instant.nanoseconds)
            try queue.remove(from: cut)
            // Read after the removal: a queue already past the cut may have sent
            // events from it before they could be taken out.
            let reached = try queue.now()
            guard cut > 0, reached >= cut else { return instant }
            return MonotonicInstant(nanoseconds: queueClock.monotonicTime(of: reached) + 1)
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
