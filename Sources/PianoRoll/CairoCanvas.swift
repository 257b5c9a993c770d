// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

internal import CCairo
import MIDITask

/// A colour, each part 0–1.
struct RGB: Equatable {
    var red: Double, green: Double, blue: Double

    /// This colour mixed toward white: `amount` 0 keeps it, 1 is white.
    func lightened(_ amount: Double) -> RGB {
        RGB(red: red + (1 - red) * amount, green: green + (1 - green) * amount, blue: blue + (1 - blue) * amount)
    }

    static let white = RGB(red: 1, green: 1, blue: 1)
}

/// Where a canvas's bytes go: appended to an `AtomicFile` as Cairo writes
/// them. Keeps the first error, since Cairo only learns that writing failed.
final class StreamSink {
    let file: AtomicFile
    private(set) var error: FileOutput.WriteError?

    init(file: AtomicFile) { self.file = file }

    func append(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard error == nil else { return false }
        do { try file.write(Array(bytes)) } catch { self.error = error; return false }
        return true
    }
}

/// Cairo's write callback: the closure is the canvas's `StreamSink`.
private let writeToSink: cairo_write_func_t = { closure, data, length in
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<StreamSink>.fromOpaque(closure).takeUnretainedValue()
    return sink.append(UnsafeBufferPointer(start: data, count: Int(length))) ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR
}

/// The one owner of a Cairo surface and its drawing context, and the only
/// place that calls Cairo. Vector formats stream to the sink while drawing
/// and on `finish()`; PNG is an image in memory written out by `finish()`.
/// Both are freed in deinit.
///
/// One owner, one thread.
final class CairoCanvas {
    let format: RollFormat
    let width: Int
    let height: Int
    private let surface: OpaquePointer
    private let context: OpaquePointer
    /// Kept alive as long as the surface, which holds it as a raw pointer.
    private let sink: StreamSink

    /// A canvas writing `format` to `sink`.
    convenience init(format: RollFormat, width: Int, height: Int, sink: StreamSink) throws(RollError) {
        let closure = Unmanaged.passUnretained(sink).toOpaque()
        let w = Double(width), h = Double(height)
        let made: OpaquePointer? = switch format {
        case .png: cairo_image_surface_create(CAIRO_FORMAT_ARGB32, Int32(width), Int32(height))
        case .svg: cairo_svg_surface_create_for_stream(writeToSink, closure, w, h)
        case .pdf: cairo_pdf_surface_create_for_stream(writeToSink, closure, w, h)
        }
        try self.init(format: format, width: width, height: height, surface: made, sink: sink)
    }

    private init(format: RollFormat, width: Int, height: Int, surface made: OpaquePointer?, sink: StreamSink) throws(RollError) {
        // Cairo returns an "error surface" rather than nil; its status says why.
        guard let made else { throw .cairo(operation: "create a \(format.rawValue) surface", status: "out of memory") }
        let status = cairo_surface_status(made)
        guard status == CAIRO_STATUS_SUCCESS else {
            cairo_surface_destroy(made)
            throw .cairo(operation: "create a \(width)×\(height) \(format.rawValue) surface", status: Self.text(status))
        }
        surface = made
        context = cairo_create(made)!
        self.format = format
        self.width = width
        self.height = height
        self.sink = sink
    }

    deinit {
        cairo_destroy(context)
        cairo_surface_destroy(surface)
    }

    // MARK: Drawing

    func fillRectangle(x: Double, y: Double, width: Double, height: Double, color: RGB, alpha: Double = 1) {
        cairo_set_source_rgba(context, color.red, color.green, color.blue, alpha)
        cairo_rectangle(context, x, y, width, height)
        cairo_fill(context)
    }

    func line(from: (Double, Double), to: (Double, Double), color: RGB, width: Double = 1) {
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
        cairo_set_line_width(context, width)
        cairo_move_to(context, from.0, from.1)
        cairo_line_to(context, to.0, to.1)
        cairo_stroke(context)
    }

    func setFont(size: Double, bold: Bool = false) {
        cairo_select_font_face(context, "sans-serif", CAIRO_FONT_SLANT_NORMAL,
                               bold ? CAIRO_FONT_WEIGHT_BOLD : CAIRO_FONT_WEIGHT_NORMAL)
        cairo_set_font_size(context, size)
    }

    /// The advance width of `text` in the current font.
    func textWidth(_ text: String) -> Double {
        var extents = cairo_text_extents_t()
        cairo_text_extents(context, text, &extents)
        return extents.x_advance
    }

    /// Draws `text` with its baseline at `y`, starting at `x`.
    func text(_ text: String, x: Double, y: Double, color: RGB) {
        cairo_set_source_rgb(context, color.red, color.green, color.blue)
        cairo_move_to(context, x, y)
        cairo_show_text(context, text)
    }

    /// Limits drawing to a rectangle until `resetClip()`.
    func clip(x: Double, y: Double, width: Double, height: Double) {
        cairo_rectangle(context, x, y, width, height)
        cairo_clip(context)
    }

    func resetClip() { cairo_reset_clip(context) }

    // MARK: Output

    /// Ends the drawing and writes out what is left: the whole PNG, or the
    /// end of an SVG or PDF. Throws Cairo's status, or the sink's write error.
    func finish() throws(RollError) {
        try check("draw the piano roll", cairo_status(context))
        if format == .png {
            let status = cairo_surface_write_to_png_stream(surface, writeToSink, Unmanaged.passUnretained(sink).toOpaque())
            if let error = sink.error { throw .write(error.description) }
            try check("write the PNG", status)
        } else {
            cairo_surface_finish(surface)
            if let error = sink.error { throw .write(error.description) }
            try check("write the \(format.rawValue.uppercased())", cairo_surface_status(surface))
        }
    }

    private func check(_ operation: String, _ status: cairo_status_t) throws(RollError) {
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(operation: operation, status: Self.text(status)) }
    }

    static func text(_ status: cairo_status_t) -> String { String(cString: cairo_status_to_string(status)) }

    static func pixels(of image: OpaquePointer) -> [UInt32] {
        let width = Int(cairo_image_surface_get_width(image)), height = Int(cairo_image_surface_get_height(image))
        let stride = Int(cairo_image_surface_get_stride(image))
        guard let data = cairo_image_surface_get_data(image) else { return [] }
        var words: [UInt32] = []
        words.reserveCapacity(width * height)
        for row in 0..<height {
            let start = UnsafeRawPointer(data + row * stride)
            for column in 0..<width { words.append(start.loadUnaligned(fromByteOffset: column * 4, as: UInt32.self)) }
        }
        return words
    }
}

/// A PNG file read back through Cairo: its size and pixels. Used to check
/// what the roll wrote.
struct PNGImage {
    var width: Int
    var height: Int
    /// 0xAARRGGBB, row by row.
    var pixels: [UInt32]

    init(path: String) throws(RollError) {
        let image = cairo_image_surface_create_from_png(path)!
        defer { cairo_surface_destroy(image) }
        let status = cairo_surface_status(image)
        guard status == CAIRO_STATUS_SUCCESS else { throw .cairo(operation: "read \(path)", status: CairoCanvas.text(status)) }
        width = Int(cairo_image_surface_get_width(image))
        height = Int(cairo_image_surface_get_height(image))
        pixels = CairoCanvas.pixels(of: image)
    }
}
