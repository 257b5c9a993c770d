internal import CSndFile

/// Writes FLAC or Ogg Vorbis through libsndfile, to an open file descriptor
/// (owned by the caller; libsndfile does not close it).
///
/// FluidSynth's own file renderer also writes through libsndfile, but it
/// renders and writes in one call, so we could not see the samples to find
/// where the release tail falls silent; hence libsndfile directly.
final class SndFileWriter: AudioFileSink {
    private var file: OpaquePointer?
    private let path: String

    init(fd: Int32, path: String, format: AudioFileFormat, sampleRate: Int) throws(RenderError) {
        self.path = path
        var info = SF_INFO()
        info.samplerate = Int32(sampleRate)
        info.channels = 2
        switch format {
        case .flac: info.format = Int32(SF_FORMAT_FLAC | SF_FORMAT_PCM_16)
        case .ogg: info.format = Int32(SF_FORMAT_OGG | SF_FORMAT_VORBIS)
        case .wav: info.format = Int32(SF_FORMAT_WAV | SF_FORMAT_PCM_16)
        }
        guard sf_format_check(&info) != 0 else {
            throw RenderError.file("write \(path)", "this libsndfile cannot write \(format.rawValue) at \(sampleRate) Hz")
        }
        file = sf_open_fd(fd, Int32(SFM_WRITE), &info, 0)
        guard file != nil else {
            throw RenderError.file("open \(path) for \(format.rawValue)", String(cString: sf_strerror(nil)))
        }
    }

    deinit { if let file { sf_close(file) } }

    func write(_ samples: UnsafeBufferPointer<Int16>) throws(RenderError) {
        let frames = sf_count_t(samples.count / 2)
        guard sf_writef_short(file, samples.baseAddress, frames) == frames else {
            throw RenderError.file("write \(path)", String(cString: sf_strerror(file)))
        }
    }

    func finish() throws(RenderError) {
        guard let f = file else { return }
        file = nil
        let status = sf_close(f)
        guard status == 0 else { throw RenderError.file("finish \(path)", String(cString: sf_error_number(status))) }
    }
}
