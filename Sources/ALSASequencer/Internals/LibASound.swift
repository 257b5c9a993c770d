// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CALSA
import Glibc

/// The one place that calls libasound's sequencer API.
///
/// Each function is a direct pass-through: it returns the library's status
/// (negative errno on failure) and never interprets it. Everything above
/// goes through `check` in `ALSAError.swift`, so no caller sees a raw status.
enum LibASound {
    // MARK: Handle

    static func open(_ handle: inout OpaquePointer?, streams: Int32, mode: Int32) -> Int32 {
        silenceLibraryMessages
        return snd_seq_open(&handle, "default", streams, mode)
    }

    /// Stops libasound printing its own failure lines; `ALSAError` says it better.
    static let silenceLibraryMessages: Void = {
        miditask_alsa_silence_errors()
    }()

    static func close(_ seq: OpaquePointer) -> Int32 { snd_seq_close(seq) }
    static func setClientName(_ seq: OpaquePointer, _ name: String) -> Int32 { snd_seq_set_client_name(seq, name) }
    static func clientID(_ seq: OpaquePointer) -> Int32 { snd_seq_client_id(seq) }
    static func strerror(_ code: Int32) -> String { String(cString: snd_strerror(code)) }

    // MARK: Ports and subscriptions

    static func createSimplePort(_ seq: OpaquePointer, _ name: String, caps: UInt32, type: UInt32) -> Int32 {
        snd_seq_create_simple_port(seq, name, caps, type)
    }

    static func connectTo(_ seq: OpaquePointer, myPort: Int32, client: Int32, port: Int32) -> Int32 {
        snd_seq_connect_to(seq, myPort, client, port)
    }

    static func connectFrom(_ seq: OpaquePointer, myPort: Int32, client: Int32, port: Int32) -> Int32 {
        snd_seq_connect_from(seq, myPort, client, port)
    }

    // MARK: Events

    static func outputDirect(_ seq: OpaquePointer, _ event: inout snd_seq_event_t) -> Int32 {
        snd_seq_event_output_direct(seq, &event)
    }

    static func drainOutput(_ seq: OpaquePointer) -> Int32 { snd_seq_drain_output(seq) }

    /// Events waiting in the input buffer; with `fetch`, reads the kernel first.
    static func inputPending(_ seq: OpaquePointer, fetch: Bool) -> Int32 {
        snd_seq_event_input_pending(seq, fetch ? 1 : 0)
    }

    /// Reads one event; the pointee belongs to the library until the next read.
    static func input(_ seq: OpaquePointer, _ event: inout UnsafeMutablePointer<snd_seq_event_t>?) -> Int32 {
        snd_seq_event_input(seq, &event)
    }

    static func pollDescriptorsCount(_ seq: OpaquePointer, events: Int16) -> Int32 {
        snd_seq_poll_descriptors_count(seq, events)
    }

    static func pollDescriptors(_ seq: OpaquePointer, _ fds: UnsafeMutablePointer<pollfd>, _ space: UInt32, events: Int16) -> Int32 {
        snd_seq_poll_descriptors(seq, fds, space, events)
    }

    static func outputBuffered(_ seq: OpaquePointer, _ event: inout snd_seq_event_t) -> Int32 {
        snd_seq_event_output(seq, &event)
    }

    static func setClientPoolOutput(_ seq: OpaquePointer, _ size: Int) -> Int32 {
        snd_seq_set_client_pool_output(seq, size)
    }

    /// Cells of the client's output pool in use: events written but not yet delivered.
    static func outputPoolInUse(_ seq: OpaquePointer) -> Int? {
        var pool: OpaquePointer?
        guard snd_seq_client_pool_malloc(&pool) >= 0, let pool else { return nil }
        defer { snd_seq_client_pool_free(pool) }
        guard snd_seq_get_client_pool(seq, pool) >= 0 else { return nil }
        return snd_seq_client_pool_get_output_pool(pool) - snd_seq_client_pool_get_output_free(pool)
    }

    // MARK: Queues

    static func allocQueue(_ seq: OpaquePointer, name: String) -> Int32 { snd_seq_alloc_named_queue(seq, name) }
    static func freeQueue(_ seq: OpaquePointer, _ queue: Int32) -> Int32 { snd_seq_free_queue(seq, queue) }

    /// Runs the queue on the global timer `device` (SND_TIMER_GLOBAL_*) ticking `frequency` times a second.
    static func setQueueTimer(_ seq: OpaquePointer, _ queue: Int32, globalDevice device: Int32, frequency: UInt32) -> Int32 {
        var timer: OpaquePointer?
        var id: OpaquePointer?
        var status = snd_seq_queue_timer_malloc(&timer)
        guard status >= 0, let timer else { return status }
        defer { snd_seq_queue_timer_free(timer) }
        status = snd_timer_id_malloc(&id)
        guard status >= 0, let id else { return status }
        defer { snd_timer_id_free(id) }
        status = snd_seq_get_queue_timer(seq, queue, timer)
        guard status >= 0 else { return status }
        snd_timer_id_set_class(id, Int32(SND_TIMER_CLASS_GLOBAL.rawValue))
        snd_timer_id_set_sclass(id, Int32(SND_TIMER_SCLASS_NONE.rawValue))
        snd_timer_id_set_card(id, -1)
        snd_timer_id_set_device(id, device)
        snd_timer_id_set_subdevice(id, 0)
        snd_seq_queue_timer_set_type(timer, SND_SEQ_TIMER_ALSA)
        snd_seq_queue_timer_set_id(timer, id)
        snd_seq_queue_timer_set_resolution(timer, frequency)
        return snd_seq_set_queue_timer(seq, queue, timer)
    }

    /// The global timer device the queue runs on (SND_TIMER_GLOBAL_*), or a negative status.
    static func queueTimerDevice(_ seq: OpaquePointer, _ queue: Int32) -> Int32 {
        var timer: OpaquePointer?
        let status = snd_seq_queue_timer_malloc(&timer)
        guard status >= 0, let timer else { return status }
        defer { snd_seq_queue_timer_free(timer) }
        let got = snd_seq_get_queue_timer(seq, queue, timer)
        guard got >= 0 else { return got }
        return snd_timer_id_get_device(snd_seq_queue_timer_get_id(timer))
    }

    static func startQueue(_ seq: OpaquePointer, _ queue: Int32) -> Int32 {
        snd_seq_control_queue(seq, queue, Int32(SND_SEQ_EVENT_START.rawValue), 0, nil)
    }

    /// The queue's running time in nanoseconds, or a negative status.
    static func queueRealTime(_ seq: OpaquePointer, _ queue: Int32) -> Int64 {
        var status: OpaquePointer?
        let allocated = snd_seq_queue_status_malloc(&status)
        guard allocated >= 0, let status else { return Int64(allocated) }
        defer { snd_seq_queue_status_free(status) }
        let got = snd_seq_get_queue_status(seq, queue, status)
        guard got >= 0 else { return Int64(got) }
        let time = snd_seq_queue_status_get_real_time(status)!.pointee
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    /// Removes this client's events still waiting in `queue` (and in the output
    /// buffer) whose time is at or after `nanoseconds` of queue time.
    static func removeQueuedEvents(_ seq: OpaquePointer, _ queue: Int32, fromNanoseconds nanoseconds: Int64) -> Int32 {
        var remove: OpaquePointer?
        let allocated = snd_seq_remove_events_malloc(&remove)
        guard allocated >= 0, let remove else { return allocated }
        defer { snd_seq_remove_events_free(remove) }
        var stamp = snd_seq_timestamp_t()
        let clamped = max(0, nanoseconds)
        stamp.time = snd_seq_real_time_t(tv_sec: UInt32(clamping: clamped / 1_000_000_000),
                                         tv_nsec: UInt32(clamped % 1_000_000_000))
        snd_seq_remove_events_set_condition(remove, UInt32(SND_SEQ_REMOVE_OUTPUT | SND_SEQ_REMOVE_TIME_AFTER))
        snd_seq_remove_events_set_queue(remove, queue)
        snd_seq_remove_events_set_time(remove, &stamp)
        return snd_seq_remove_events(seq, remove)
    }

    // MARK: Queries

    static func clientInfoMalloc(_ info: inout OpaquePointer?) -> Int32 { snd_seq_client_info_malloc(&info) }
    static func clientInfoFree(_ info: OpaquePointer) { snd_seq_client_info_free(info) }
    static func clientInfoSetClient(_ info: OpaquePointer, _ client: Int32) { snd_seq_client_info_set_client(info, client) }
    static func clientInfoClient(_ info: OpaquePointer) -> Int32 { snd_seq_client_info_get_client(info) }
    static func clientInfoName(_ info: OpaquePointer) -> String { String(cString: snd_seq_client_info_get_name(info)) }
    static func clientInfoType(_ info: OpaquePointer) -> UInt32 { snd_seq_client_info_get_type(info).rawValue }
    static func queryNextClient(_ seq: OpaquePointer, _ info: OpaquePointer) -> Int32 { snd_seq_query_next_client(seq, info) }

    static func portInfoMalloc(_ info: inout OpaquePointer?) -> Int32 { snd_seq_port_info_malloc(&info) }
    static func portInfoFree(_ info: OpaquePointer) { snd_seq_port_info_free(info) }
    static func portInfoSetClient(_ info: OpaquePointer, _ client: Int32) { snd_seq_port_info_set_client(info, client) }
    static func portInfoSetPort(_ info: OpaquePointer, _ port: Int32) { snd_seq_port_info_set_port(info, port) }
    static func portInfoPort(_ info: OpaquePointer) -> Int32 { snd_seq_port_info_get_port(info) }
    static func portInfoName(_ info: OpaquePointer) -> String { String(cString: snd_seq_port_info_get_name(info)) }
    static func portInfoCapability(_ info: OpaquePointer) -> UInt32 { snd_seq_port_info_get_capability(info) }
    static func portInfoType(_ info: OpaquePointer) -> UInt32 { snd_seq_port_info_get_type(info) }
    static func queryNextPort(_ seq: OpaquePointer, _ info: OpaquePointer) -> Int32 { snd_seq_query_next_port(seq, info) }
}
