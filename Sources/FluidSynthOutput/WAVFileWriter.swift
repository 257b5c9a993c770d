#if canImport(Glibc)
import Glibc
#endif

/// Streams a 16-bit PCM stereo RIFF WAVE file to an open file descriptor.
///
/// The header's sizes are written as zero first and patched by `finish`,
/// so a file cut short by a crash is recognisably incomplete. The
/// descriptor stays owned by the caller.
final class WAVFileWriter: AudioFileSink {
    private let fd: Int32
    private let path: String
    private let sampleRate: UInt32
    private var dataBytes: UInt64 = 0
    private var pending: [UInt8] = []

    static let headerSize = 44
    /// RIFF sizes are 32-bit: a bigger file would need RF64.
    static let maximumDataBytes = UInt64(UInt32.max) - UInt64(headerSize)

    init(fd: Int32, path: String, sampleRate: Int) throws(RenderError) {
        self.fd = fd
        self.path = path
        self.sampleRate = UInt32(sampleRate)
        pending.reserveCapacity(1 << 16)
        pending += Self.header(sampleRate: self.sampleRate, dataBytes: 0)
    }

    func write(_ samples: UnsafeBufferPointer<Int16>) throws(RenderError) {
        dataBytes += UInt64(samples.count * 2)
        guard dataBytes <= Self.maximumDataBytes else {
            throw RenderError.file("write \(path)", "longer than a WAV file can hold (4 GiB); use --format flac")
        }
        for sample in samples {
            let v = UInt16(bitPattern: sample)
            pending.append(UInt8(v & 0xFF))
            pending.append(UInt8(v >> 8))
        }
        if pending.count >= 1 << 16 { try drain() }
    }

    func finish() throws(RenderError) {
        try drain()
        let header = Self.header(sampleRate: sampleRate, dataBytes: UInt32(dataBytes))
        let n = header.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        guard n == header.count else { throw RenderError.file("write \(path)", String(cString: strerror(errno))) }
    }

    private func drain() throws(RenderError) {
        var offset = 0
        while offset < pending.count {
            let n = pending.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw RenderError.file("write \(path)", String(cString: strerror(errno)))
            }
            offset += n
        }
        pending.removeAll(keepingCapacity: true)
    }

    /// The canonical 44-byte header: RIFF, fmt (PCM, 2 channels, 16 bits), data.
    static func header(sampleRate: UInt32, dataBytes: UInt32) -> [UInt8] {
        func le32(_ v: UInt32) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v >> 16 & 0xFF), UInt8(v >> 24)] }
        func le16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        let channels: UInt16 = 2, bits: UInt16 = 16
        let blockAlign = channels * bits / 8
        var h: [UInt8] = Array("RIFF".utf8) + le32(36 &+ dataBytes) + Array("WAVE".utf8)
        h += Array("fmt ".utf8) + le32(16) + le16(1) + le16(channels) + le32(sampleRate)
        h += le32(sampleRate * UInt32(blockAlign)) + le16(blockAlign) + le16(bits)
        h += Array("data".utf8) + le32(dataBytes)
        return h
    }
}
