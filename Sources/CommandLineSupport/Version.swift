// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// The release of miditask: the one place its version is written.
///
/// `miditask --version` prints it; the man page and any package take it from
/// there. Raise it in the commit that makes a release.
public enum Version {
    public static let number = "0.8.0"
}
