// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import FluidSynthOutput
import Foundation
import Testing

@Suite struct SoundFontLocatorTests {
    /// A folder with empty stand-ins for SoundFonts at the given relative paths.
    func folder(with files: [String]) throws -> String {
        let root = try TestSupport.temporaryFolder()
        for file in files {
            let path = root + "/" + file
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent,
                                                    withIntermediateDirectories: true)
            #expect(FileManager.default.createFile(atPath: path, contents: Data("RIFF".utf8)))
        }
        return root
    }

    @Test func environmentVariableComesFirst() throws {
        let root = try folder(with: ["mine.sf2", "system/GM.sf2", "proj/soundfonts/miditask-gm.sf2"])
        let locator = SoundFontLocator(environmentPath: root + "/mine.sf2", systemPaths: [root + "/system/GM.sf2"],
                                       projectRoots: [root + "/proj"])
        #expect(try locator.locate() == root + "/mine.sf2")
    }

    @Test func environmentVariableNamingAMissingFileIsAnError() throws {
        let root = try folder(with: ["system/GM.sf2"])
        let locator = SoundFontLocator(environmentPath: root + "/gone.sf2", systemPaths: [root + "/system/GM.sf2"],
                                       projectRoots: [])
        #expect {
            try locator.locate()
        } throws: { error in
            "\(error)".contains(root + "/gone.sf2") && "\(error)".contains("MIDITASK_SOUNDFONT")
        }
    }

    @Test func systemSoundFontsComeBeforeTheProjectsInTheirOrder() throws {
        let root = try folder(with: ["system/FluidR3_GM.sf2", "system/TimGM6mb.sf2", "proj/soundfonts/miditask-gm.sf2"])
        let locator = SoundFontLocator(
            environmentPath: nil,
            systemPaths: [root + "/system/default-GM.sf2", root + "/system/FluidR3_GM.sf2", root + "/system/TimGM6mb.sf2"],
            projectRoots: [root + "/proj"])
        #expect(try locator.locate() == root + "/system/FluidR3_GM.sf2")
    }

    @Test func projectSoundFontIsFoundInTheFirstRootThatHasIt() throws {
        let root = try folder(with: ["b/soundfonts/miditask-gm.sf2", "c/soundfonts/miditask-gm.sf2"])
        let locator = SoundFontLocator(environmentPath: nil, systemPaths: [root + "/system/default-GM.sf2"],
                                       projectRoots: [root + "/a", root + "/b", root + "/c"])
        #expect(try locator.locate() == root + "/b/soundfonts/miditask-gm.sf2")
    }

    @Test func noSoundFontAnywhereSaysHowToInstallOne() throws {
        let root = try folder(with: [])
        let locator = SoundFontLocator(environmentPath: nil, systemPaths: [root + "/default-GM.sf2"],
                                       projectRoots: [root])
        #expect {
            try locator.locate()
        } throws: { error in
            let text = "\(error)"
            return text.contains("apt-get install fluid-soundfont-gm") && text.contains("--soundfont")
                && text.contains(root + "/default-GM.sf2")
        }
    }

    @Test func standardLocatorLooksBesideTheExecutableAndInTheCurrentDirectory() {
        let locator = SoundFontLocator.standard
        #expect(locator.projectRoots.last == ".")
        #expect(locator.projectRoots.count >= 2)
        #expect(locator.systemPaths.first == "/usr/share/sounds/sf2/default-GM.sf2")
    }
}
