import Sequencer

#if canImport(Glibc)
import Glibc
#endif

/// Rendering a timeline to an audio file that is either whole or absent.
///
/// Audio goes into a temporary file beside the target, which is flushed to
/// disk and then moved into place; on any error or cancellation the
/// temporary file is removed. Without `overwrite`, an existing target is an
/// error before anything is rendered, and the final move is a hard link,
/// which refuses an existing name atomically.
public struct RenderFile {
    public var path: String
    public var format: AudioFileFormat
    public var overwrite: Bool

    public init(path: String, format: AudioFileFormat, overwrite: Bool) {
        self.path = path
        self.format = format
        self.overwrite = overwrite
    }

    public func render(_ timeline: Timeline, with renderer: OfflineRenderer, transport: RenderTransport = RenderTransport(),
                       cancellation: RenderCancellation? = nil) throws(RenderError) -> RenderResult {
        if !overwrite, access(path, F_OK) == 0 {
            throw .file("write \(path)", "it already exists (use --force to replace it)")
        }
        var template = Array((path + ".partial-XXXXXX").utf8CString)
        let fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw .file("create a file beside \(path)", String(cString: strerror(errno))) }
        let temp = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        var committed = false
        defer {
            if !committed { unlink(temp) }
        }
        let result: RenderResult
        do {
            defer { close(fd) }
            let rate = Int(renderer.synthesizer.sampleRate.rounded())
            let sink: AudioFileSink = switch format {
            case .wav: try WAVFileWriter(fd: fd, path: path, sampleRate: rate)
            default: try SndFileWriter(fd: fd, path: path, format: format, sampleRate: rate)
            }
            result = try renderer.render(timeline.events, transport: transport, into: sink, cancellation: cancellation)
            guard fsync(fd) == 0 else { throw RenderError.file("write \(path)", String(cString: strerror(errno))) }
            fchmod(fd, 0o666 & ~Self.currentUmask())
        }
        if overwrite {
            guard rename(temp, path) == 0 else { throw .file("replace \(path)", String(cString: strerror(errno))) }
        } else {
            guard link(temp, path) == 0 else {
                if errno == EEXIST { throw .file("write \(path)", "it already exists (use --force to replace it)") }
                throw .file("create \(path)", String(cString: strerror(errno)))
            }
            unlink(temp)
        }
        committed = true
        return result
    }

    private static func currentUmask() -> mode_t {
        let mask = umask(0o022)
        umask(mask)
        return mask
    }
}
