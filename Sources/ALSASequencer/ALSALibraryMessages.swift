// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

/// libasound's own diagnostics, which it prints to standard error.
public enum ALSALibraryMessages {
    /// Stops libasound printing its failure lines ("ALSA lib confmisc.c:855:
    /// cannot find card '0'" …) for the rest of the process. Call it before
    /// anything in the process opens an ALSA device through libasound (the
    /// sequencer here, or FluidSynth's alsa audio driver): those callers
    /// report the failure themselves, once and in words a user can act on.
    public static func silence() {
        LibASound.silenceLibraryMessages
    }
}
