import MIDITask
import MIDIWire
import Sequencer
import Testing

private let millisecond: Int64 = 1_000_000

/// Two seconds of one note, for the clock to run along.
private func song() -> Timeline {
    Timeline(task: MIDITask(instruments: [Instrument(name: "Acoustic Grand Piano", notes: [
        Note(pitch: 60, start: 0, end: 2_000 * millisecond, velocity: 0.8),
    ])]))
}

@Test func theClockStartsOnTheFirstDownbeatAndTicksTwentyFourToEachBeat() {
    // Beats at 0.25 (a pickup), 0.5 (the first downbeat), then every 0.5 s.
    let tempo = TempoEstimate(bpm: 120, beatsPerBar: 4, firstBeat: 500 * millisecond, confidence: 0.9,
                              beats: [250 * millisecond, 500 * millisecond, 1_000 * millisecond, 1_500 * millisecond])
    let timeline = MIDIClockTrack.adding(to: song(), lockedTo: tempo)
    let system = timeline.events.filter { $0.message.channel == nil }
    #expect(system.first?.message == .system(.start))
    #expect(system.first?.time == 500 * millisecond)
    let clocks = system.filter { $0.message == .system(.clock) }.map(\.time)
    // Every beat boundary is a clock: the 1st, 25th and 49th.
    #expect(clocks.first == 500 * millisecond && clocks[24] == 1_000 * millisecond && clocks[48] == 1_500 * millisecond)
    // 24 clocks a beat from 0.5 s to the end at 2.0 s: 72 of them, 20.83 ms apart.
    #expect(clocks.count == 72)
    #expect(abs(Double(clocks[1] - clocks[0]) - 500e6 / 24) < 1)
    #expect(system.last?.message == .system(.stop) && system.last?.time == 2_000 * millisecond)
}

@Test func aDriftingSongKeepsItsClockInPhaseWithEveryBeat() {
    // Beats getting longer: 500, 520, 540 ms.
    let beats: [Int64] = [0, 500 * millisecond, 1_020 * millisecond, 1_560 * millisecond]
    let tempo = TempoEstimate(bpm: 115, beatsPerBar: 4, firstBeat: 0, confidence: 0.9, beats: beats)
    let clocks = MIDIClockTrack.adding(to: song(), lockedTo: tempo).events
        .filter { $0.message == .system(.clock) }.map(\.time)
    #expect(clocks[24] == 500 * millisecond && clocks[48] == 1_020 * millisecond && clocks[72] == 1_560 * millisecond)
    #expect(abs(Double(clocks[49] - clocks[48]) - 540e6 / 24) < 1)
}
