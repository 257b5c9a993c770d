// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A bare TCP connection to a loopback port, for clients that misbehave on
/// purpose (send part of a request, then nothing) and for a client that
/// must not share a connection pool with them.
final class RawConnection {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let fd: Int32
    /// The socket, for polling many connections at once.
    var descriptor: Int32 { fd }
    /// When the connection was made.
    let opened: ContinuousClock.Instant

    /// Connects to 127.0.0.1:`port` from loopback address 127.0.0.`source`.
    init(port: Int, source: UInt8 = 1) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw Failure(description: "socket: \(String(cString: strerror(errno)))") }
        if source != 1 {
            var local = sockaddr_in()
            local.sin_family = sa_family_t(AF_INET)
            local.sin_addr.s_addr = in_addr_t((UInt32(0x7f00_0000) | UInt32(source)).bigEndian)
            let bound = withUnsafePointer(to: &local) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard bound == 0 else {
                let error = String(cString: strerror(errno))
                close(fd)
                throw Failure(description: "bind to 127.0.0.\(source): \(error)")
            }
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = in_addr_t(UInt32(0x7f00_0001).bigEndian)
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            let error = String(cString: strerror(errno))
            close(fd)
            throw Failure(description: "connect to 127.0.0.1:\(port): \(error)")
        }
        self.fd = fd
        opened = .now
    }

    deinit { close(fd) }

    func send(_ text: String) throws {
        try send(Array(text.utf8))
    }

    func send(_ bytes: [UInt8]) throws {
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            guard n > 0 else { throw Failure(description: "send: \(String(cString: strerror(errno)))") }
            sent += n
        }
    }

    /// Whether the server has closed the connection; never waits. Anything
    /// the server sent first is read and dropped.
    func isClosedByPeer() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        for _ in 0..<64 {
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n == 0 { return true }
            if n < 0 { return errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR }
        }
        return false
    }

    /// Everything the server sends until it closes, waiting at most `limit`
    /// in all (blocking: call it from a thread of its own, never from the
    /// concurrency pool the listener's handlers run on).
    func receiveUntilClosed(within limit: Duration) throws -> [UInt8] {
        let end = ContinuousClock.now + limit
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = end - .now
            guard left > .zero else { throw Failure(description: "no whole answer within \(limit)") }
            var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ms = Int32(min(Double(left.components.seconds) * 1000 + Double(left.components.attoseconds) / 1e15 + 1, 60_000))
            _ = poll(&poller, 1, ms)
            let n = recv(fd, &buffer, buffer.count, Int32(MSG_DONTWAIT))
            if n == 0 { return received }
            if n > 0 {
                received += buffer[..<n]
            } else if errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR {
                throw Failure(description: "recv: \(String(cString: strerror(errno)))")
            }
        }
    }
}

/// The start of a callback whose body never comes: the headers promise
/// `declared` bytes and one is sent.
func stalledRequest(path: String = "/callback", declared: Int = 1000) -> String {
    "POST \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        + "Content-Length: \(declared)\r\nX-Signature: \(String(repeating: "0", count: 64))\r\n\r\n{"
}
