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
