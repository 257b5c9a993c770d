// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Doctor
import DoctorCommand
import Glibc
import TaskAPI

/// `doctor` with every check: the machine's, the library's and the API settings'.
typealias Doctor = DoctorCommand<LibrarySettings>

enum LibrarySettings: SettingsSource {
    /// The task library and the config file as this user finds them. Opens
    /// the library only when its database is already there: it changes
    /// nothing on the machine.
    static func settings(environment: [String: String]) -> SettingsFindings {
        let config = configFile(environment)
        return SettingsFindings(library: library(environment), configFile: config.finding, apiKeySource: config.keySource)
    }

    private static func library(_ environment: [String: String]) -> LibraryFinding {
        let directory: String
        do throws(TaskAPIError) {
            directory = try LibraryLocation.resolve(option: nil, environment: environment)
        } catch {
            return .nowhere(error.description)
        }
        let database = directory + "/library.sqlite"
        guard exists(database) else {
            if exists(directory) && !canReadWrite(directory) {
                return .unusable(path: directory, reason: "this user may not write in it")
            }
            return .notYetMade(directory: directory)
        }
        guard canReadWrite(directory), canReadWrite(database) else {
            return .unusable(path: database, reason: "this user may not read and write it")
        }
        do throws(TaskAPIError) {
            return .usable(path: database, tasks: try TaskLibrary(directory: directory).list().count)
        } catch {
            return .unusable(path: database, reason: error.description)
        }
    }

    /// The config file's state, and where the API key would come from.
    private static func configFile(_ environment: [String: String]) -> (finding: ConfigFileFinding, keySource: String?) {
        let fromEnvironment = environment["MIDITASK_API_KEY"].map { !$0.isEmpty } ?? false
        guard let path = APIConfiguration.configPath(environment) else {
            return (.nowhere, fromEnvironment ? "MIDITASK_API_KEY" : nil)
        }
        var info = stat()
        guard stat(path, &info) == 0 else {
            return (.absent(path: path), fromEnvironment ? "MIDITASK_API_KEY" : nil)
        }
        do throws(TaskAPIError) {
            let configuration = try APIConfiguration.load(baseURLOption: nil, environment: environment)
            let source = fromEnvironment ? "MIDITASK_API_KEY" : configuration.key == nil ? nil : path
            return (.present(path: path, mode: UInt32(info.st_mode), problem: nil), source)
        } catch {
            return (.present(path: path, mode: UInt32(info.st_mode), problem: error.description),
                    fromEnvironment ? "MIDITASK_API_KEY" : nil)
        }
    }

    private static func canReadWrite(_ path: String) -> Bool { access(path, R_OK | W_OK) == 0 }

    private static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }
}
