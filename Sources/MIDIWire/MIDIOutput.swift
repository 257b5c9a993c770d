// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import SystemClock

/// A destination that sounds MIDI: the ALSA sequencer, FluidSynth, or a recorder.
///
/// The methods are called from the scheduler thread only, one at a time;
/// they must not block for long or allocate on their usual path.
public protocol MIDIOutput: AnyObject {
    /// Sends one message now.
    func send(_ message: MIDIMessage) throws(MIDIOutputError)
    /// Delivers anything buffered and waits until it has left.
    func flush() throws(MIDIOutputError)
    /// Says when the messages sent from here to the next `flush()` were due:
    /// an output that places messages on a
    /// clock of its own (a synth's samples, a sequencer queue's timer) puts
    /// them there, so that neither the scheduler's wake-up nor an audio
    /// period moves them. Messages sent without it are due when sent. Others
    /// ignore it.
    func setDueTime(_ instant: MonotonicInstant)
    /// Whether the output keeps messages sent with a due time in a queue of
    /// its own until then, and can take them back (`retract`): the scheduler
    /// then hands them over a look-ahead window early.
    var queuesAhead: Bool { get }
    /// Takes back every message sent with a due time at or after `from`
    /// (`.distantPast`: all) that has not gone out.
    ///
    /// Returns where certainty begins: a message due between `from` and the
    /// returned instant may have gone out before it could be taken back (the
    /// thread was held up); one due at or after it certainly did not go out.
    /// An output that queues nothing returns `from`.
    func retract(from instant: MonotonicInstant) throws(MIDIOutputError) -> MonotonicInstant
}

extension MIDIOutput {
    public func setDueTime(_ instant: MonotonicInstant) {}
    public var queuesAhead: Bool { false }
    public func retract(from instant: MonotonicInstant) throws(MIDIOutputError) -> MonotonicInstant { instant }
}
