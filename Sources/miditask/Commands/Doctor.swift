// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

import Doctor
import DoctorCommand

/// The machine's checks without miditask-api; with it installed, `doctor`
/// is handed to it, which checks the library and the API settings too.
typealias Doctor = DoctorCommand<WithoutOnlineProgram>

enum WithoutOnlineProgram: SettingsSource {
    static func settings(environment: [String: String]) -> SettingsFindings {
        .onlineProgramMissing(path: OnlineProgram.path)
    }
}
