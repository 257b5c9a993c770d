// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#include <alsa/asoundlib.h>

// libasound prints every failure to stderr by default ("ALSA lib seq_hw.c:466: ...");
// miditask reports them itself. Swift cannot define a variadic C callback, so the
// silent handler lives here.
static inline void miditask_alsa_silent_error(const char *file, int line, const char *function,
                                              int err, const char *fmt, ...) {
    (void)file; (void)line; (void)function; (void)err; (void)fmt;
}

static inline void miditask_alsa_silence_errors(void) {
    snd_lib_error_set_handler(miditask_alsa_silent_error);
}
