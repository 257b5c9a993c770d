// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Synchronization

/// The terminal as the live view needs it, and back as it was.
///
/// `enter()` saves the terminal's settings, turns off line editing and
/// echo (keys arrive one by one), switches to the alternate screen and
/// hides the cursor. Ctrl-C and the kill keys still raise their signals
/// (so a stuck view can always be stopped), but Ctrl-Z and Ctrl-\ are
/// disabled: a suspended or core-dumping player would leave the screen
/// raw. `restore()` puts back exactly what was saved; it runs once, from
/// whichever thread gets there first (the view's own exit, or a second
/// Ctrl-C's forced exit). The one owner of the saved settings.
public final class TerminalMode: Sendable {
    public let input: Int32
    public let output: Int32
    private let saved: Mutex<termios?> = Mutex(nil)

    public init(input: Int32 = STDIN_FILENO, output: Int32 = STDOUT_FILENO) {
        self.input = input
        self.output = output
    }

    /// Whether both ends are terminals, so a live view can run on them.
    public var isInteractive: Bool { isatty(input) == 1 && isatty(output) == 1 }

    /// Enters the live view's mode. Throws (changing nothing) when the input is not a terminal.
    public func enter() throws(TerminalError) {
        var original = termios()
        guard tcgetattr(input, &original) == 0 else { throw TerminalError(call: "tcgetattr", errno: errno) }
        var raw = original
        raw.c_lflag &= ~tcflag_t(ICANON | ECHO | IEXTEN)
        // Ctrl-S/Ctrl-Q would freeze the screen; Enter arrives as CR.
        raw.c_iflag &= ~tcflag_t(IXON | ICRNL)
        withUnsafeMutableBytes(of: &raw.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
            cc[Int(VSUSP)] = 0  // _POSIX_VDISABLE on Linux
            cc[Int(VQUIT)] = 0
        }
        saved.withLock { $0 = original }
        guard tcsetattr(input, TCSANOW, &raw) == 0 else {
            let code = errno
            saved.withLock { $0 = nil }
            throw TerminalError(call: "tcsetattr", errno: code)
        }
        // Alternate screen, cursor hidden, screen cleared.
        write("\u{1B}[?1049h\u{1B}[?25l\u{1B}[H\u{1B}[2J")
    }

    /// Leaves the view's mode: attributes reset, cursor shown, the main screen
    /// back, the saved settings restored. Does nothing if not entered or already restored.
    public func restore() {
        guard var original = saved.withLock({ s -> termios? in defer { s = nil }; return s }) else { return }
        write("\u{1B}[0m\u{1B}[?2026l\u{1B}[?25h\u{1B}[?1049l")
        _ = tcsetattr(input, TCSANOW, &original)
    }

    /// Columns and rows, or nil when the output is not a terminal.
    public var size: (width: Int, height: Int)? {
        var ws = winsize()
        guard ioctl(output, UInt(TIOCGWINSZ), &ws) == 0, ws.ws_col > 0, ws.ws_row > 0 else { return nil }
        return (Int(ws.ws_col), Int(ws.ws_row))
    }

    /// Writes all of `text` to the output (retrying short writes and interruptions).
    public func write(_ text: String) { write(Array(text.utf8)) }

    /// Writes all of `bytes` to the output.
    public func write(_ bytes: [UInt8]) {
        var bytes = bytes
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { buffer in
                Glibc.write(output, buffer.baseAddress! + offset, buffer.count - offset)
            }
            if n > 0 { offset += n } else if n < 0 && errno == EINTR { continue } else { return }
        }
    }
}

/// A terminal call failed: the live view cannot run.
public struct TerminalError: Error, CustomStringConvertible {
    public var call: String
    public var errno: Int32
    public var description: String { "the terminal refused \(call): " + String(cString: strerror(errno)) }
}
