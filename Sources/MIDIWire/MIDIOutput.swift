/// A destination that sounds MIDI: the ALSA sequencer, FluidSynth, or a recorder.
///
/// The methods are called from the scheduler thread only, one at a time;
/// they must not block for long or allocate on their usual path.
public protocol MIDIOutput: AnyObject {
    /// Sends one message now.
    func send(_ message: MIDIMessage) throws(MIDIOutputError)
    /// Delivers anything buffered and waits until it has left.
    func flush() throws(MIDIOutputError)
    /// Says when the messages sent from here to the next `flush()` were due,
    /// on CLOCK_MONOTONIC (nanoseconds): an output that places messages on a
    /// clock of its own (a synth's samples) puts them there, so that neither
    /// the scheduler's wake-up nor an audio period moves them. Messages sent
    /// without it are due when sent. Others ignore it.
    func setDueTime(_ monotonicNanoseconds: Int64)
}

extension MIDIOutput {
    public func setDueTime(_ monotonicNanoseconds: Int64) {}
}
