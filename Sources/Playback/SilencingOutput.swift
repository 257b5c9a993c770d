import MIDIWire

/// Wraps any output so that playback can always be made silent.
///
/// Keeps the table of notes sounding (updated by each note-on and note-off
/// sent) and the set of channels used, so `silence()` can end exactly what
/// sounds. Every way playback stops goes through `silence()`.
///
/// A note-off for a key that is not sounding is not sent: after a seek, the
/// note-offs of notes that were skipped (not restarted) would otherwise go out.
///
/// Like any output, used from the scheduler thread only.
public final class SilencingOutput: MIDIOutput {
    public let base: any MIDIOutput
    public private(set) var sounding = SoundingNotes()
    /// Bit n set: channel n has been sent something.
    public private(set) var usedChannels: UInt16 = 0

    public init(_ base: any MIDIOutput) { self.base = base }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        // System messages (MIDI clock, start, stop) carry no channel.
        guard let channel = message.channel else { return try base.send(message) }
        let key = message.key & 0x7F
        if message.startsNote {
            // Marked before sending: if the send fails half-way, silence() still tries.
            sounding.insert(channel: channel, key: key)
        } else if message.endsNote {
            guard sounding.contains(channel: channel, key: key) else { return }
            try base.send(message)
            sounding.remove(channel: channel, key: key)
            return
        }
        usedChannels |= 1 << UInt16(channel.rawValue)
        try base.send(message)
    }

    public func flush() throws(MIDIOutputError) { try base.flush() }

    public func setDueTime(_ monotonicNanoseconds: Int64) { base.setDueTime(monotonicNanoseconds) }

    /// Ends every sound: a note-off for each sounding note, then all-sound-off
    /// (CC120), all-notes-off (CC123) and sustain off (CC64 = 0) on every used
    /// channel, then a flush.
    ///
    /// Tries every message even when some fail, so a flaky output still gets
    /// what it will take, and throws the first error. Stops at once when the
    /// device is gone, since nothing can reach it. The table is cleared either way.
    public func silence() throws(MIDIOutputError) {
        var firstError: MIDIOutputError?
        func attempt(_ message: MIDIMessage) -> Bool {
            do throws(MIDIOutputError) {
                try base.send(message)
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
        if going {
            do throws(MIDIOutputError) { try base.flush() } catch { if firstError == nil { firstError = error } }
        }
        if let firstError { throw firstError }
    }
}
