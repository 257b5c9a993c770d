import MIDITask
import Sequencer

/// Rendering a timeline to an audio file that is either whole or absent.
///
/// Audio goes into an `AtomicFile`: a temporary file beside the target,
/// moved into place when whole, removed on any error or cancellation.
/// Without `overwrite`, an existing target is an error before anything is
/// rendered.
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
        let file = try Self.fileError { () throws(FileOutput.WriteError) in try AtomicFile(path: path, overwrite: overwrite) }
        let rate = Int(renderer.synthesizer.sampleRate.rounded())
        let sink: AudioFileSink = switch format {
        case .wav: try WAVFileWriter(fd: file.descriptor, path: path, sampleRate: rate)
        default: try SndFileWriter(fd: file.descriptor, path: path, format: format, sampleRate: rate)
        }
        let result = try renderer.render(timeline.events, transport: transport, into: sink, cancellation: cancellation)
        try Self.fileError { () throws(FileOutput.WriteError) in try file.commit() }
        return result
    }

    private static func fileError<T>(_ body: () throws(FileOutput.WriteError) -> T) throws(RenderError) -> T {
        do throws(FileOutput.WriteError) { return try body() } catch { throw .file(error.operation, error.reason) }
    }
}
