/// Where rendered audio goes: interleaved stereo 16-bit frames, in order.
protocol AudioFileSink: AnyObject {
    /// Appends frames; `samples` holds 2 values (left, right) per frame.
    func write(_ samples: UnsafeBufferPointer<Int16>) throws(RenderError)
    /// Completes the file (header sizes, encoder flush) and closes it.
    func finish() throws(RenderError)
}
