// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer
import SystemClock

/// Wraps any output so that playback can always be made silent.
///
/// Keeps the table of notes sounding (updated by each note-on and note-off
/// sent) and the set of channels used, so `silence()` can end exactly what
/// sounds. Every way playback stops goes through `silence()`.
///
/// A note-off for a key that is not sounding is not sent: after a seek, the
/// note-offs of notes that were skipped (not restarted) would otherwise go out.
///
/// With an output that queues ahead (`retaining`), the table runs a window
/// ahead of the wire, and what was handed ahead is kept (`HandedAhead`) until
/// its time has passed: `discardQueued` takes it all back before a stop or a
/// jump (marking the note-offs taken back, so that `silence()` ends their
/// notes now), and `handAgain` takes back and re-sends the rest of the window
/// after a tempo change or a mute.
///
/// Like any output, used from the scheduler thread only.
public final class SilencingOutput: MIDIOutput {
    public let base: any MIDIOutput
    public private(set) var sounding = SoundingNotes()
    /// Bit n set: channel n has been sent something.
    public private(set) var usedChannels: UInt16 = 0
    /// Whether what is handed ahead is kept, to be taken back: set by the
    /// scheduler when it hands messages to a queueing output early.
    var retaining = false
    /// The due time of the messages being sent, until the next flush.
    private var due: Int64?
    private var ahead = HandedAhead()
    /// Scratch for `handAgain`, reserved once.
    private var taken: [HandedAhead.Entry] = []

    /// How long after its due time an entry is still taken to be on its way
    /// (a queue's timer runs a tick behind; a note-off marked twice only
    /// sends one more note-off).
    static let inFlight: Int64 = 50_000_000

    public init(_ base: any MIDIOutput) {
        self.base = base
        taken.reserveCapacity(4096)
    }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        try send(message, track: TimelineEvent.setupTrack)
    }

    /// Sends a message of instrument `track` (for taking it back by instrument).
    func send(_ message: MIDIMessage, track: UInt16) throws(MIDIOutputError) {
        // System messages (MIDI clock, start, stop) carry no channel.
        guard let channel = message.channel else { return try pass(message, track: track) }
        let key = message.key & 0x7F
        if message.startsNote {
            // Marked before sending: if the send fails half-way, silence() still tries.
            sounding.insert(channel: channel, key: key)
        } else if message.endsNote {
            guard sounding.contains(channel: channel, key: key) else {
                withhold(message, track: track)
                return
            }
            try pass(message, track: track)
            sounding.remove(channel: channel, key: key)
            return
        }
        usedChannels |= 1 << UInt16(channel.rawValue)
        try pass(message, track: track)
    }

    /// Keeps, without sending, a message of a silent instrument handed ahead,
    /// so that it sounds if the instrument is made audible before its time.
    func withhold(_ message: MIDIMessage, track: UInt16) {
        if retaining, let due { ahead.append(.init(due: due, message: message, track: track, sent: false)) }
    }

    private func pass(_ message: MIDIMessage, track: UInt16) throws(MIDIOutputError) {
        try base.send(message)
        if retaining, let due { ahead.append(.init(due: due, message: message, track: track, sent: true)) }
    }

    public func flush() throws(MIDIOutputError) {
        due = nil
        try base.flush()
    }

    public func setDueTime(_ instant: MonotonicInstant) {
        due = instant.nanoseconds
        base.setDueTime(instant)
    }

    public var queuesAhead: Bool { base.queuesAhead }

    public func retract(from instant: MonotonicInstant) throws(MIDIOutputError) -> MonotonicInstant {
        try base.retract(from: instant)
    }

    /// Forgets what was handed ahead and is due before `now` by more than
    /// `inFlight`: it has gone out. Called as playback moves on.
    func passed(now: Int64) {
        if retaining { ahead.forget(before: now - Self.inFlight) }
    }

    /// Takes back everything handed ahead that has not gone out, before a
    /// stop, a pause or a jump. A note-off taken back may end a note that
    /// sounds: it is marked sounding, so the `silence()` that follows ends it.
    func discardQueued(now: Int64) throws(MIDIOutputError) {
        guard retaining else { return }
        defer { ahead.removeAll() }
        _ = try base.retract(from: .distantPast)
        ahead.forEach { entry in
            guard entry.sent, entry.message.endsNote, entry.due >= now - Self.inFlight,
                  let channel = entry.message.channel else { return }
            sounding.insert(channel: channel, key: entry.message.key & 0x7F)
        }
    }

    /// Takes back what was handed ahead due from `cut` on and hands it again:
    /// at `retime(due)`, without the messages of instruments `isSilent` now
    /// names, and with the withheld messages of instruments audible again.
    ///
    /// A silent instrument's note-off taken back is marked sounding: the
    /// caller ends such notes at once. A message the output may have sent
    /// already (the thread was held up past `cut`) is not sent twice, except
    /// note-offs, where a second one is harmless and a missing one is not.
    func handAgain(from cut: Int64, retime: (Int64) -> Int64, isSilent: (UInt16) -> Bool) throws(MIDIOutputError) {
        guard retaining else { return }
        let certain = try base.retract(from: MonotonicInstant(nanoseconds: cut)).nanoseconds
        ahead.take(from: cut, into: &taken)
        var lastDue: Int64?
        for entry in taken {
            let newDue = retime(entry.due)
            if newDue != lastDue {
                if lastDue != nil { try flush() }
                setDueTime(MonotonicInstant(nanoseconds: newDue))
                lastDue = newDue
            }
            let message = entry.message
            if entry.due < certain && !message.endsNote {
                // Most likely gone out already: keep it as sent, do not repeat it.
                if entry.sent { ahead.append(.init(due: newDue, message: message, track: entry.track, sent: true)) }
                continue
            }
            if isSilent(entry.track) {
                if entry.sent, message.endsNote, let channel = message.channel {
                    sounding.insert(channel: channel, key: message.key & 0x7F)
                } else if !entry.sent {
                    withhold(message, track: entry.track)
                }
                continue
            }
            if entry.sent {
                // Already counted in the table: only the wire needs it again.
                try pass(message, track: entry.track)
            } else {
                try send(message, track: entry.track)
            }
        }
        if lastDue != nil { try flush() }
    }

    /// Ends every sound: a note-off for each sounding note, then all-sound-off
    /// (CC120), all-notes-off (CC123) and sustain off (CC64 = 0) on every used
    /// channel, then a flush. Sent with the due time in force, if any (a
    /// loop's wrap handed ahead), else at once.
    ///
    /// Tries every message even when some fail, so a flaky output still gets
    /// what it will take, and throws the first error. Stops at once when the
    /// device is gone, since nothing can reach it. The table is cleared either way.
    public func silence() throws(MIDIOutputError) {
        var firstError: MIDIOutputError?
        func attempt(_ message: MIDIMessage) -> Bool {
            do throws(MIDIOutputError) {
                try pass(message, track: TimelineEvent.setupTrack)
            } catch {
                if firstError == nil { firstError = error }
                if error.deviceGone { return false }
            }
            return true
        }
        var going = true
        sounding.forEach { channel, key in
            if going { going = attempt(.noteOff(channel, key: key)) }
        }
        sounding.removeAll()
        var number: UInt8 = 0
        while going && number < 16 {
            if usedChannels & (1 << UInt16(number)) != 0 {
                let channel = MIDIChannel(number)
                going = attempt(.control(channel, .allSoundOff, 0))
                    && attempt(.control(channel, .allNotesOff, 0))
                    && attempt(.control(channel, .sustain, 0))
            }
            number += 1
        }
        due = nil
        if going {
            do throws(MIDIOutputError) { try base.flush() } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
    }
}
