/// A destination that sounds MIDI: the ALSA sequencer, FluidSynth, or a recorder.
///
/// Both methods are called from the scheduler thread only, one at a time;
/// they must not block for long or allocate on their usual path.
public protocol MIDIOutput: AnyObject {
    /// Sends one message now.
    func send(_ message: MIDIMessage) throws(MIDIOutputError)
    /// Delivers anything buffered and waits until it has left.
    func flush() throws(MIDIOutputError)
}
