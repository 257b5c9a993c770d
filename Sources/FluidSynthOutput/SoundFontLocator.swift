// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#if canImport(Glibc)
import Glibc
import SystemClock
#endif

/// Finds a General MIDI SoundFont when the user named none.
///
/// Order: `$MIDITASK_SOUNDFONT`; the system's GM SoundFont; the project's
/// own `soundfonts/miditask-gm.sf2`, looked for beside the executable (and
/// the folders above it) and in the current directory. Every place is a
/// stored property so tests can point it at temporary folders.
public struct SoundFontLocator: Sendable {
    public static let environmentVariable = "MIDITASK_SOUNDFONT"
    public static let projectSoundFont = "soundfonts/miditask-gm.sf2"

    /// The value of `$MIDITASK_SOUNDFONT`, if set.
    public var environmentPath: String?
    /// Debian's GM SoundFonts, most complete first.
    public var systemPaths: [String]
    /// Folders that may hold `soundfonts/miditask-gm.sf2`, in order.
    public var projectRoots: [String]

    public init(environmentPath: String?, systemPaths: [String], projectRoots: [String]) {
        self.environmentPath = environmentPath
        self.systemPaths = systemPaths
        self.projectRoots = projectRoots
    }

    /// The places of this process: its environment, Debian's paths, and the
    /// folders of the executable (up to four levels up) and the current directory.
    public static var standard: SoundFontLocator {
        let env = getenv(environmentVariable).map { String(cString: $0) }
        var roots: [String] = []
        if var dir = ProgramFile.directory() {
            for _ in 0..<5 {
                roots.append(dir)
                guard let slash = dir.lastIndex(of: "/"), dir != "/" else { break }
                dir = slash == dir.startIndex ? "/" : String(dir[..<slash])
            }
        }
        roots.append(".")
        return SoundFontLocator(environmentPath: env, systemPaths: defaultSystemPaths, projectRoots: roots)
    }

    public static let defaultSystemPaths = [
        "/usr/share/sounds/sf2/default-GM.sf2",
        "/usr/share/sounds/sf2/FluidR3_GM.sf2",
        "/usr/share/sounds/sf2/TimGM6mb.sf2",
    ]

    /// Every path tried, in order.
    public var candidates: [String] {
        (environmentPath.map { [$0] } ?? []) + systemPaths
            + projectRoots.map { $0 == "/" ? "/" + Self.projectSoundFont : $0 + "/" + Self.projectSoundFont }
    }

    /// The first SoundFont that exists. A `$MIDITASK_SOUNDFONT` naming a
    /// missing file is an error rather than skipped: the user asked for it.
    public func locate() throws(FluidSynthError) -> String {
        if let environmentPath, !environmentPath.isEmpty {
            guard Self.isFile(environmentPath) else {
                throw FluidSynthError(operation: "use SoundFont \(environmentPath) from $\(Self.environmentVariable)",
                                      reason: "no such file")
            }
            return environmentPath
        }
        for path in candidates.dropFirst(environmentPath == nil ? 0 : 1) where Self.isFile(path) {
            return path
        }
        throw FluidSynthError(
            operation: "find a SoundFont",
            reason: "none given and none installed. Install the General MIDI SoundFont "
                + "(apt-get install fluid-soundfont-gm), or pass --soundfont PATH, "
                + "or set $\(Self.environmentVariable). Looked in: "
                + candidates.dropFirst(environmentPath == nil ? 0 : 1).joined(separator: ", "))
    }

    static func isFile(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG
    }
}
