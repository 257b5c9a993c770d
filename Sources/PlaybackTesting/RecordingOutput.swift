import MIDIWire
import Playback
import Synchronization

/// An output that keeps what it is sent, for tests of anything that plays.
///
/// Each message is stored with the clock's time when it arrived (if given a
/// clock). Its own `sounding` table follows note-ons and note-offs only —
/// not all-notes-off — so a test sees whether every note got its own note-off.
/// Failures can be injected: after `failAfter` successful sends, every send
/// throws `failure`, and so does every flush once a send has failed.
///
/// Safe to read from any thread; read after playback has ended for a stable view.
public final class RecordingOutput: MIDIOutput, @unchecked Sendable {
    // @unchecked: every stored property is either immutable or inside `state`'s lock.

    public struct Entry: Sendable, Hashable {
        public var message: MIDIMessage
        /// When it was sent, or nil without a clock.
        public var time: MonotonicInstant?

        public init(message: MIDIMessage, time: MonotonicInstant?) {
            self.message = message
            self.time = time
        }
    }

    private struct State {
        var entries: [Entry] = []
        var attempted: [MIDIMessage] = []
        var sounding = SoundingNotes()
        var flushes = 0
        var failAfter: Int?
        var broken = false
    }

    private let clock: (any PlaybackClock)?
    private let failure: MIDIOutputError
    private let state: Mutex<State>

    public init(clock: (any PlaybackClock)? = nil, failAfter: Int? = nil,
                failure: MIDIOutputError = MIDIOutputError(operation: "send to recorder", reason: "injected failure")) {
        self.clock = clock
        self.failure = failure
        state = Mutex(State(failAfter: failAfter))
    }

    /// Makes sends fail from now on (after `sends` more successful ones).
    public func fail(after sends: Int = 0) {
        state.withLock { $0.failAfter = $0.entries.count + sends }
    }

    public func send(_ message: MIDIMessage) throws(MIDIOutputError) {
        let time = clock?.now()
        let failed: Bool = state.withLock { s in
            s.attempted.append(message)
            if let limit = s.failAfter, s.entries.count >= limit {
                s.broken = true
                return true
            }
            s.entries.append(Entry(message: message, time: time))
            s.sounding.apply(message)
            return false
        }
        if failed { throw failure }
    }

    public func flush() throws(MIDIOutputError) {
        let failed: Bool = state.withLock { s in
            if s.broken { return true }
            s.flushes += 1
            return false
        }
        if failed { throw failure }
    }

    /// What was delivered, in order.
    public var entries: [Entry] { state.withLock { $0.entries } }
    public var messages: [MIDIMessage] { state.withLock { $0.entries.map(\.message) } }
    /// Everything `send` was called with, including sends that failed.
    public var attempted: [MIDIMessage] { state.withLock { $0.attempted } }
    /// Notes left sounding by the delivered note-ons and note-offs.
    public var sounding: SoundingNotes { state.withLock { $0.sounding } }
    public var flushCount: Int { state.withLock { $0.flushes } }
}
