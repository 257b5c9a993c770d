@testable import FluidSynthOutput
import Testing

@Suite struct WAVFileWriterTests {
    @Test func headerDescribes16BitStereoPCM() {
        let h = WAVFileWriter.header(sampleRate: 48_000, dataBytes: 400)
        #expect(h.count == 44)
        #expect(Array(h[0..<4]) == Array("RIFF".utf8))
        #expect(Array(h[4..<8]) == [0xB4, 0x01, 0, 0])          // 36 + 400
        #expect(Array(h[8..<16]) == Array("WAVEfmt ".utf8))
        #expect(Array(h[20..<24]) == [1, 0, 2, 0])          // PCM, 2 channels
        #expect(Array(h[24..<28]) == [0x80, 0xBB, 0, 0])    // 48000
        #expect(Array(h[28..<32]) == [0x00, 0xEE, 0x02, 0]) // 192000 bytes/s
        #expect(Array(h[32..<36]) == [4, 0, 16, 0])         // 4-byte frames, 16 bits
        #expect(Array(h[36..<44]) == Array("data".utf8) + [144, 1, 0, 0])
    }
}
