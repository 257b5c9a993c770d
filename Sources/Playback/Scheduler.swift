// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import MIDIWire
import Sequencer
import SystemClock
/// The playback loop: walks the prepared events and hands each to the output
/// at its deadline, obeying the transport between events.
///
/// Deadlines are absolute: an anchor pairs an instant with a song time, and
/// event t is due at anchor.instant + (t − anchor.song) ÷ tempo, so waiting
/// errors never accumulate. Every transport change re-anchors.
///
/// With an output that queues (`MIDIOutput.queuesAhead`) and a look-ahead
/// window, each event is handed over that long before it is due, with its
/// due time, and the output's own clock sends it; a loop's wrap and the
/// song's end (their silence) are handed ahead the same way. Every transport
/// change still acts at once: a stop, pause or jump takes back all that was
/// handed ahead and silences directly; a tempo change or a mute takes back
/// the rest of the window and hands it again (`SilencingOutput`).
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
    /// Where a take-back begins after now: what is due sooner is left to go out.
    static let takeBackMargin = TimeAmount.milliseconds(1)

    /// How long before its due time an event is handed over (zero: at its time).
    private let lookahead: TimeAmount
    /// The song's end (its silence) was handed ahead: playback finishes when it is due.
    private var endHanded = false
    /// A loop's wrap was handed ahead and is the anchor, still in the future.
    private var wrapHanded = false

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
    /// The loop in force (from the options, then from the live controls).
    private var loop: Player.Options.LoopRange?
    private var loopStartIndex = 0
    private var endTime: Int64 = 0
    /// Live mute and solo: true for each instrument whose notes are not to sound.
    private var silent: [Bool]
    private var anySilent = false
    /// The instrument that started each sounding note, by channel × 128 + key,
    /// so that silencing an instrument ends exactly its notes.
    private var owners: [UInt16]
    /// Scratch for `endSilentNotes`, allocated once.
    private var silentSounding: [UInt16] = []
    private var liveSeen: UInt64 = 0
    /// The live requests changed but their lock was busy: look again next turn.
    private var livePending = false
    /// MIDI clock as a slaved device sees it: whether it was started (Start or
    /// Continue sent, no Stop since), the clock ticks passed in song order, and
    /// whether a Continue waits for the next sixteenth note after a reposition.
    private var clockRunning = false
    private var clocksPassed = 0
    private var continueAtSixteenth = false

    init(timeline: PreparedTimeline, output: SilencingOutput, clock: any PlaybackClock, transport: Transport, options: Player.Options) {
        self.timeline = timeline
        self.output = output
        self.clock = clock
        self.transport = transport
        self.options = options
        tempo = options.tempo
        lookahead = output.queuesAhead ? options.lookahead : .zero
        output.retaining = lookahead > .zero
        silent = [Bool](repeating: false, count: timeline.instrumentCount)
        owners = [UInt16](repeating: TimelineEvent.setupTrack, count: 16 * 128)
        silentSounding.reserveCapacity(16 * 128)
        setLoop(options.loop)
    }

    /// Puts `loop` in force: where a wrap lands, the set-up replayed there, where playing ends.
    private mutating func setLoop(_ loop: Player.Options.LoopRange?) {
        self.loop = loop
        if let loop {
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
            // The output failed: try to stop the clock and silence it anyway (a gone
            // device will refuse at once), and report the first failure, which is the cause.
            try? output.discardQueued(now: clock.now().nanoseconds)
            try? stopClock()
            try? output.silence()
            return .failed(error)
        }
    }

    private mutating func play() throws(MIDIOutputError) -> PlaybackResult {
        // seenGeneration starts at 0, so requests made before playback began
        // (a stop from an early Ctrl-C, a pause) are obeyed on the first turn.
        let start = startPosition
        // Handing ahead, playback begins a window from now, so that the first
        // events are handed ahead like the rest: a slow first pass through the
        // output (its code's first use, a busy machine) then delays nothing.
        try reposition(to: start, at: clock.now() + lookahead)
        transport.startInstant.store(anchorInstant.nanoseconds, ordering: .releasing)

        while true {
            if transport.generation.load(ordering: .acquiring) != seenGeneration || livePending {
                if let result = try obeyTransport() { return result }
            }
            if paused {
                clock.idle(until: clock.now() + Self.slice, doorbell: transport.doorbell)
                continue
            }
            let isEvent = !endHanded && index < timeline.count && timeline.isWithin(index, end: endTime)
            let target = isEvent ? timeline.times[index] : endTime
            let deadline = instant(ofSong: target)
            // Handed over a window early; once the end is handed, what remains is waiting for it.
            let handAt = endHanded ? deadline : deadline - lookahead
            let now = clock.now()
            transport.position.store(max(0, min(songTime(at: now), endTime)), ordering: .relaxed)
            if lookahead > .zero {
                // The output's queue keeps time: no precise wake-up needed, and a
                // request wakes the wait at once.
                if handAt > now {
                    clock.idle(until: min(handAt, now + Self.slice), doorbell: transport.doorbell)
                    continue
                }
            } else if handAt - now > Self.slice {
                clock.idle(until: now + Self.slice, doorbell: transport.doorbell)
                continue
            }
            clock.sleep(until: handAt)
            // A request that came during the wait is obeyed before dispatching.
            if transport.generation.load(ordering: .acquiring) != seenGeneration { continue }

            if isEvent {
                // Everything due at this same time goes out, then one flush.
                output.passed(now: handAt.nanoseconds)
                output.setDueTime(deadline)
                repeat {
                    let message = timeline.messages[index]
                    if message.channel == nil, !(try passSystem(message)) {
                        index += 1
                        continue
                    }
                    let track = timeline.tracks[index]
                    if message.startsNote {
                        if anySilent && isSilent(track) {
                            // A silenced instrument: its note-off will find nothing sounding.
                            output.withhold(message, track: track)
                            index += 1
                            continue
                        }
                        owners[Int(message.channel!.rawValue) << 7 | Int(message.key & 0x7F)] = track
                    }
                    try output.send(message, track: track)
                    index += 1
                } while index < timeline.count && timeline.times[index] == target && timeline.isWithin(index, end: endTime)
                try output.flush()
            } else if endHanded {
                transport.position.store(endTime, ordering: .relaxed)
                return .finished
            } else if let loop {
                // Wrap without a gap: the loop's start is due exactly when its end was.
                handAhead(due: deadline)
                try silenceAll()
                handAhead(due: deadline)
                try loopSetup.replay(to: output)
                index = loopStartIndex
                try prepareClockContinue()
                try output.flush()
                anchorInstant = deadline
                anchorSong = loop.start.nanoseconds
                wrapHanded = lookahead > .zero
            } else if lookahead > .zero {
                // The end's silence goes in the queue behind the last notes (a clock's
                // Stop after its last tick); playback finishes when it is due.
                handAhead(due: deadline)
                try silenceAll()
                endHanded = true
            } else {
                transport.position.store(endTime, ordering: .relaxed)
                try silenceAll()
                return .finished
            }
        }
    }

    /// Reads the mailbox; returns a result when playback must end.
    private mutating func obeyTransport() throws(MIDIOutputError) -> PlaybackResult? {
        seenGeneration = transport.generation.load(ordering: .acquiring)
        if transport.stopRequested.load(ordering: .relaxed) {
            try silenceAllNow()
            return .stopped
        }
        let now = clock.now()
        var position = paused ? pausedPosition : max(0, min(songTime(at: now), endTime))
        var moved = false
        if transport.liveVersion.load(ordering: .acquiring) != liveSeen || livePending,
           let jump = try obeyLiveRequests(at: position) {
            position = jump
            moved = true
        }
        let seek = transport.seekTarget.exchange(Transport.noSeek, ordering: .acquiringAndReleasing)
        if seek != Transport.noSeek {
            position = clampedSeek(seek)
            moved = true
            try silenceAllNow()
        }
        let previousTempo = tempo
        tempo = transport.tempo
        let wantPaused = transport.pauseRequested.load(ordering: .relaxed)
        if wantPaused {
            if !paused {
                // Pausing silences (and stops a slaved clock): held notes are not
                // resumed later, like a seek.
                try silenceAllNow()
                paused = true
            }
            pausedPosition = position
            transport.position.store(position, ordering: .relaxed)
            transport.paused.store(true, ordering: .relaxed)
        } else if paused || moved {
            paused = false
            transport.paused.store(false, ordering: .relaxed)
            try reposition(to: position, at: now)
        } else if anchorInstant > now {
            // The anchor lies ahead (a loop's wrap handed ahead, or the start's
            // lead): it moves with the new tempo, so that now keeps its place.
            anchorInstant = now + (anchorInstant - now).dividedBy(rate: tempo / previousTempo)
            try handAgain(now: now, previousTempo: previousTempo)
        } else {
            // Keep the place, re-anchor at now; what was handed ahead is retimed.
            anchorInstant = now
            anchorSong = position
            if tempo != previousTempo { try handAgain(now: now, previousTempo: previousTempo) }
        }
        return nil
    }

    /// After a tempo change: the window handed ahead, again at the new tempo.
    private func handAgain(now: MonotonicInstant, previousTempo: Double) throws(MIDIOutputError) {
        guard lookahead > .zero, tempo != previousTempo else { return }
        let at = now.nanoseconds, ratio = previousTempo / tempo
        try output.handAgain(from: takeBackCut(), retime: { due in
            at + Int64((Double(due - at) * ratio).rounded())
        }, isSilent: { isSilent($0) })
    }

    /// Where a take-back begins: just after now, so what is due at once still goes.
    private func takeBackCut() -> Int64 {
        (clock.now() + Self.takeBackMargin).nanoseconds
    }

    /// Takes the silent instruments and the loop from the mailbox, if its lock
    /// is free (else `livePending` makes the next turn try again). Ends the
    /// sounding notes of instruments now silent. Returns where to continue
    /// when a new loop lies wholly before the playhead (its start, after silencing).
    private mutating func obeyLiveRequests(at position: Int64) throws(MIDIOutputError) -> Int64? {
        let version = transport.liveVersion.load(ordering: .acquiring)
        var newLoop: Player.Options.LoopRange??
        let taken: Bool? = transport.live.withLockIfAvailable { live in
            anySilent = false
            for i in silent.indices {
                silent[i] = i < live.silent.count && live.silent[i]
                anySilent = anySilent || silent[i]
            }
            if live.loop != loop { newLoop = .some(live.loop) }
            return true
        }
        guard taken != nil else {
            livePending = true
            return nil
        }
        livePending = false
        liveSeen = version
        // What the instruments now silent sound ends first, at once; then the
        // window handed ahead, again: without their notes (the note-offs taken
        // back mark theirs sounding, ended after), with those audible again.
        if anySilent { try endSilentNotes() }
        if lookahead > .zero {
            try output.handAgain(from: takeBackCut(), retime: { $0 }, isSilent: { isSilent($0) })
            if anySilent { try endSilentNotes() }
        }
        guard let newLoop else { return nil }
        // What was handed ahead went by the old loop: its wrap or the end, or
        // events past the new loop's end. Then the window is taken back and
        // playing goes on from here under the new loop.
        let handedPast = lookahead > .zero
            && (endHanded || anchorInstant > clock.now()
                || (newLoop.map { index > 0 && timeline.times[index - 1] >= $0.end.nanoseconds } ?? false))
        setLoop(newLoop)
        if let loop = newLoop, position >= loop.end.nanoseconds {
            // Past the new loop: go round at once. Before it, play on into it.
            try silenceAllNow()
            return loop.start.nanoseconds
        }
        if handedPast {
            try silenceAllNow()
            return position
        }
        return nil
    }

    /// Ends, directly, every sounding note of an instrument now silent.
    private mutating func endSilentNotes() throws(MIDIOutputError) {
        silentSounding.removeAll(keepingCapacity: true)
        // Only what sounds is looked at (a few notes), not all 2048 keys.
        output.sounding.forEach { channel, key in
            let slot = Int(channel.rawValue) << 7 | Int(key)
            if isSilent(owners[slot]) { silentSounding.append(UInt16(slot)) }
        }
        guard !silentSounding.isEmpty else { return }
        for slot in silentSounding {
            try output.send(.noteOff(MIDIChannel(UInt8(slot >> 7)), key: UInt8(slot & 0x7F)))
        }
        try output.flush()
    }

    // MARK: MIDI clock

    /// Stops a slaved device, then ends every sound: every way playback stops
    /// or jumps goes through here. With a due time in force (handed ahead),
    /// they go in the queue at that time.
    private mutating func silenceAll() throws(MIDIOutputError) {
        try stopClock()
        try output.silence()
    }

    /// Takes back what was handed ahead, then silences at once: for every stop,
    /// pause and jump.
    private mutating func silenceAllNow() throws(MIDIOutputError) {
        try output.discardQueued(now: clock.now().nanoseconds)
        try silenceAll()
    }

    /// Sets the due time of what is sent next when handing ahead (a wrap, the end).
    private func handAhead(due: MonotonicInstant) {
        if lookahead > .zero { output.setDueTime(due) }
    }

    /// MIDI Stop, if the slaved device was running.
    private mutating func stopClock() throws(MIDIOutputError) {
        continueAtSixteenth = false
        guard clockRunning else { return }
        clockRunning = false
        try output.send(.system(.stop))
    }

    /// After a jump to event `index` (not the song's start, where Start
    /// comes by itself): Song Position Pointer to the next sixteenth, and a
    /// Continue sent with that sixteenth's first clock, so the device picks
    /// up in step. The clocks before it are held back.
    private mutating func prepareClockContinue() throws(MIDIOutputError) {
        guard timeline.hasClock, index > 0 else { return }
        clocksPassed = timeline.clocks(before: index)
        let sixteenth = (clocksPassed + 5) / 6
        guard sixteenth < 16384 else { return }
        try output.send(.songPosition(sixteenths: sixteenth))
        continueAtSixteenth = true
    }

    /// Whether a system message in the timeline goes out, keeping the clock's state.
    private mutating func passSystem(_ message: MIDIMessage) throws(MIDIOutputError) -> Bool {
        switch message.status {
        case MIDIMessage.SystemStatus.clock.rawValue:
            clocksPassed += 1
            if continueAtSixteenth {
                guard (clocksPassed - 1) % 6 == 0 else { return false }
                try output.send(.system(.continue))
                continueAtSixteenth = false
                clockRunning = true
            }
            return clockRunning
        case MIDIMessage.SystemStatus.start.rawValue:
            clockRunning = true
            continueAtSixteenth = false
            clocksPassed = 0
            return true
        case MIDIMessage.SystemStatus.stop.rawValue:
            defer { clockRunning = false }
            return clockRunning
        default:
            return true
        }
    }

    @inline(__always) private func isSilent(_ track: UInt16) -> Bool {
        Int(track) < silent.count && silent[Int(track)]
    }

    /// Continues from song time `position` as of `now`: the events from there,
    /// and the channel set-up the song has at that point. Notes that would be
    /// sounding there are not started half-way; the next note-ons start clean.
    private mutating func reposition(to position: Int64, at now: MonotonicInstant) throws(MIDIOutputError) {
        index = timeline.firstIndex(atOrAfter: position)
        if index > 0 {
            scratch.rebuild(from: timeline, before: index)
            try scratch.replay(to: output)
            try prepareClockContinue()
            try output.flush()
        }
        anchorInstant = now
        anchorSong = position
        endHanded = false
        wrapHanded = false
        transport.position.store(position, ordering: .relaxed)
    }

    /// A seek lands inside what can be played: the loop when looping, else the song up to its end.
    private func clampedSeek(_ target: Int64) -> Int64 {
        if let loop {
            return min(max(target, loop.start.nanoseconds), loop.end.nanoseconds)
        }
        return min(max(target, 0), endTime)
    }

    @inline(__always) private func instant(ofSong time: Int64) -> MonotonicInstant {
        anchorInstant + (TimeAmount(nanoseconds: time) - TimeAmount(nanoseconds: anchorSong)).dividedBy(rate: tempo)
    }

    @inline(__always) private func songTime(at instant: MonotonicInstant) -> Int64 {
        let time = (TimeAmount(nanoseconds: anchorSong) + (instant - anchorInstant).multipliedBy(rate: tempo)).nanoseconds
        // Before a loop's wrap that was handed ahead, the anchor is the wrap:
        // until then the song is still at the end of the loop.
        if wrapHanded, let loop, instant < anchorInstant {
            return loop.end.nanoseconds - (anchorSong - time)
        }
        return time
    }
}
