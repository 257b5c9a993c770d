// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CFluidSynth
import MIDIWire
import Synchronization

#if canImport(Glibc)
import Glibc
#endif
import SystemClock

/// A FluidSynth audio driver that renders through our own callback, so that
/// each message sounds at the 64-frame block its due time falls on, not at
/// the start of whichever audio period follows its arrival.
///
/// The scheduler thread queues messages with their frame (`send`); the
/// audio thread, asked for a period, renders it a block at a time and hands
/// each block's messages to the synth just before rendering it. Owns its
/// handle and keeps the synth alive (freed first, as `AudioDriver`).
/// Drivers that cannot call back (FluidSynth's file driver) refuse to start:
/// then `AudioDriver` plays the messages as they come.
final class TimedAudioDriver {
    private let handle: FluidSynthCalls.Handle
    let synthesizer: Synthesizer
    private let renderer: Unmanaged<BlockRenderer>

    init(synthesizer: Synthesizer) throws(FluidSynthError) {
        self.synthesizer = synthesizer
        let name = synthesizer.settings.string("audio.driver") ?? "default"
        let renderer = Unmanaged.passRetained(BlockRenderer(synth: synthesizer.handle, sampleRate: synthesizer.sampleRate))
        self.renderer = renderer
        do {
            handle = try FluidSynthCalls.newAudioDriver(synthesizer.settings.handle, driver: name,
                                                        callback: renderBlocks, context: renderer.toOpaque())
        } catch {
            renderer.release()
            throw error
        }
        // The first periods tell the offset between the clocks (see
        // `AudioClock`): wait for them, at most a quarter second.
        let r = renderer.takeUnretainedValue()
        var waited = 0
        while r.periods.load(ordering: .acquiring) < AudioClock.warmUp && waited < 250 {
            usleep(1_000)
            waited += 1
        }
    }

    deinit {
        // The audio thread stops before its renderer goes.
        FluidSynthCalls.deleteAudioDriver(handle)
        renderer.release()
    }

    /// Queues `message` to sound where `instant` falls
    /// on the audio clock; false when it could not be queued (the queue is
    /// full, or no period has been rendered yet to tell where that is).
    func send(_ message: MIDIMessage, dueAt instant: MonotonicInstant) -> Bool {
        let r = renderer.takeUnretainedValue()
        let offset = r.publishedOffset.load(ordering: .acquiring)
        guard offset != .min else { return false }
        if r.learning.load(ordering: .relaxed) { r.learning.store(false, ordering: .relaxed) }
        let frame = AudioClock.frame(dueAt: instant, offset: .nanoseconds(offset), sampleRate: r.sampleRate)
        return r.queue.push(TimedEventQueue<MIDIMessage>.Entry(sample: frame, message: message))
    }
}

/// What the audio thread works with. `clock` and `frames` are its own; the
/// queue and the published offset are shared through atomics.
final class BlockRenderer: @unchecked Sendable {
    let synth: OpaquePointer
    let sampleRate: Double
    let queue = TimedEventQueue<MIDIMessage>()
    /// `clock.offset`, for the scheduler thread (`.min` until the first period).
    let publishedOffset = Atomic<Int64>(.min)
    /// Periods rendered so far.
    let periods = Atomic<Int>(0)
    /// True until the first message is placed: the offset may still move freely.
    let learning = Atomic<Bool>(true)
    private var clock: AudioClock
    private var frames: Int64 = 0
    /// Scratch for the offset buffer pointers: 2 dry, then 4 effects (reverb and chorus, left and right).
    private let pointers = UnsafeMutablePointer<UnsafeMutablePointer<Float>?>.allocate(capacity: 6)

    init(synth: OpaquePointer, sampleRate: Double) {
        self.synth = synth
        self.sampleRate = sampleRate
        clock = AudioClock(sampleRate: sampleRate)
    }

    deinit { pointers.deallocate() }

    /// Renders `length` frames into the two buffers of `out`.
    func render(_ length: Int, into out: UnsafeMutablePointer<UnsafeMutablePointer<Float>?>) {
        clock.observe(renderedThrough: frames + Int64(length), at: MonotonicInstant.now(),
                      learning: learning.load(ordering: .relaxed))
        if let offset = clock.offset { publishedOffset.store(offset.nanoseconds, ordering: .releasing) }
        guard let left = out[0], let right = out[1] else { return }
        var done = 0
        while done < length {
            let count = min(64, length - done)
            // Each message at the block boundary nearest its frame.
            let boundary = frames + Int64(done) + 32
            while let entry = queue.first(), entry.sample < boundary {
                FluidSynthMIDIOutput.applyInAudioThread(entry.message, to: synth)
                queue.removeFirst()
            }
            pointers[0] = left + done
            pointers[1] = right + done
            // Reverb and chorus mixed into the dry buffers, as FluidSynth's own drivers do.
            pointers[2] = left + done
            pointers[3] = right + done
            pointers[4] = left + done
            pointers[5] = right + done
            FluidSynthCalls.process(synth, frames: count, effects: pointers + 2, effectCount: 4, dry: pointers, dryCount: 2)
            done += count
        }
        frames += Int64(length)
        periods.add(1, ordering: .releasing)
    }
}

/// FluidSynth's audio callback: the context is the driver's `BlockRenderer`.
private let renderBlocks: FluidSynthCalls.AudioCallback = { context, length, _, _, outputCount, out in
    guard let context, let out, outputCount >= 2, length > 0 else { return 0 }
    Unmanaged<BlockRenderer>.fromOpaque(context).takeUnretainedValue().render(Int(length), into: out)
    return 0
}
