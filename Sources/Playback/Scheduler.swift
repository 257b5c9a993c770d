import MIDIWire
/// The playback loop: walks the prepared events and hands each to the output
/// at its deadline, obeying the transport between events.
///
/// Deadlines are absolute: an anchor pairs an instant with a song time, and
/// event t is due at anchor.instant + (t − anchor.song) ÷ tempo, so waiting
/// errors never accumulate. Every transport change re-anchors at "now".
///
/// Runs on one thread (the scheduler thread, or a test's). Nothing here
/// allocates, locks or logs once `run` has begun, except on stop paths.
struct Scheduler {
    let timeline: PreparedTimeline
    let output: SilencingOutput
    let clock: any PlaybackClock
    let transport: Transport
    let options: Player.Options

    /// Longest single wait, so a transport request is seen within this long.
    static let slice = TimeAmount.milliseconds(10)

    private var index = 0
    private var anchorInstant = MonotonicInstant.origin
    private var anchorSong: Int64 = 0
    private var tempo: Double
    private var paused = false
    private var pausedPosition: Int64 = 0
    private var seenGeneration: UInt64 = 0
    /// Scratch for seeks, and the state at the loop's start, both prepared up front.
    private var scratch = ChannelState()
    private var loopSetup = ChannelState()
    private let loopStartIndex: Int
    private let endTime: Int64

    init(timeline: PreparedTimeline, output: SilencingOutput, clock: any PlaybackClock, transport: Transport, options: Player.Options) {
        self.timeline = timeline
        self.output = output
        self.clock = clock
        self.transport = transport
        self.options = options
        tempo = options.tempo
        if let loop = options.loop {
            loopStartIndex = timeline.firstIndex(atOrAfter: loop.start.nanoseconds)
            loopSetup.rebuild(from: timeline, before: loopStartIndex)
            endTime = loop.end.nanoseconds
        } else {
            loopStartIndex = 0
            endTime = options.end?.nanoseconds ?? timeline.duration
        }
    }

    /// Where playback begins.
    var startPosition: Int64 {
        options.start?.nanoseconds ?? options.loop?.start.nanoseconds ?? 0
    }

    /// Plays until the end, a stop request or an output error; always leaves
    /// the output silent (or tried to).
    mutating func run() -> PlaybackResult {
        do throws(MIDIOutputError) {
            return try play()
        } catch {
            // The output failed: try to silence it anyway (a gone device will refuse
            // at once), and report the first failure, which is the cause.
            try? output.silence()
            return .failed(error)
        }
    }

    private mutating func play() throws(MIDIOutputError) -> PlaybackResult {
        // seenGeneration starts at 0, so requests made before playback began
        // (a stop from an early Ctrl-C, a pause) are obeyed on the first turn.
        let start = startPosition
        try reposition(to: start, at: clock.now())
        transport.startInstant.store(anchorInstant.nanoseconds, ordering: .releasing)

        while true {
            if transport.generation.load(ordering: .acquiring) != seenGeneration {
                if let result = try obeyTransport() { return result }
            }
            if paused {
                clock.idle(until: clock.now() + Self.slice)
                continue
            }
            let isEvent = index < timeline.count && timeline.isWithin(index, end: endTime)
            let target = isEvent ? timeline.times[index] : endTime
            let deadline = instant(ofSong: target)
            let now = clock.now()
            transport.position.store(min(songTime(at: now), endTime), ordering: .relaxed)
            if deadline - now > Self.slice {
                clock.idle(until: now + Self.slice)
                continue
            }
            clock.sleep(until: deadline)
            // A request that came during the wait is obeyed before dispatching.
            if transport.generation.load(ordering: .acquiring) != seenGeneration { continue }

            if isEvent {
                // Everything due at this same time goes out, then one flush.
                repeat {
                    try output.send(timeline.messages[index])
                    index += 1
                } while index < timeline.count && timeline.times[index] == target && timeline.isWithin(index, end: endTime)
                try output.flush()
            } else if let loop = options.loop {
                // Wrap without a gap: the loop's start is due exactly when its end was.
                try output.silence()
                try loopSetup.replay(to: output)
                try output.flush()
                index = loopStartIndex
                anchorInstant = deadline
                anchorSong = loop.start.nanoseconds
            } else {
                transport.position.store(endTime, ordering: .relaxed)
                try output.silence()
                return .finished
            }
        }
    }

    /// Reads the mailbox; returns a result when playback must end.
    private mutating func obeyTransport() throws(MIDIOutputError) -> PlaybackResult? {
        seenGeneration = transport.generation.load(ordering: .acquiring)
        if transport.stopRequested.load(ordering: .relaxed) {
            try output.silence()
            return .stopped
        }
        let now = clock.now()
        var position = paused ? pausedPosition : min(songTime(at: now), endTime)
        var moved = false
        let seek = transport.seekTarget.exchange(Transport.noSeek, ordering: .acquiringAndReleasing)
        if seek != Transport.noSeek {
            position = clampedSeek(seek)
            moved = true
            try output.silence()
        }
        tempo = transport.tempo
        let wantPaused = transport.pauseRequested.load(ordering: .relaxed)
        if wantPaused {
            if !paused {
                // Pausing silences: held notes are not resumed later, like a seek.
                try output.silence()
                paused = true
            }
            pausedPosition = position
            transport.position.store(position, ordering: .relaxed)
            transport.paused.store(true, ordering: .relaxed)
        } else if paused || moved {
            paused = false
            transport.paused.store(false, ordering: .relaxed)
            try reposition(to: position, at: now)
        } else {
            // Only the tempo may have changed: keep the place, re-anchor at now.
            anchorInstant = now
            anchorSong = position
        }
        return nil
    }

    /// Continues from song time `position` as of `now`: the events from there,
    /// and the channel set-up the song has at that point. Notes that would be
    /// sounding there are not started half-way; the next note-ons start clean.
    private mutating func reposition(to position: Int64, at now: MonotonicInstant) throws(MIDIOutputError) {
        index = timeline.firstIndex(atOrAfter: position)
        if index > 0 {
            scratch.rebuild(from: timeline, before: index)
            try scratch.replay(to: output)
            try output.flush()
        }
        anchorInstant = now
        anchorSong = position
        transport.position.store(position, ordering: .relaxed)
    }

    /// A seek lands inside what can be played: the loop when looping, else the song up to its end.
    private func clampedSeek(_ target: Int64) -> Int64 {
        if let loop = options.loop {
            return min(max(target, loop.start.nanoseconds), loop.end.nanoseconds)
        }
        return min(max(target, 0), endTime)
    }

    @inline(__always) private func instant(ofSong time: Int64) -> MonotonicInstant {
        anchorInstant + TimeAmount(nanoseconds: saturatingDifference(time, anchorSong)).dividedBy(rate: tempo)
    }

    @inline(__always) private func songTime(at instant: MonotonicInstant) -> Int64 {
        saturatingSum(anchorSong, (instant - anchorInstant).multipliedBy(rate: tempo).nanoseconds)
    }
}
