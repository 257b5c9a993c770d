// Copyright 2026 The miditask authors.
// Licensed under the Apache License, Version 2.0; see LICENSE for details.
// SPDX-License-Identifier: Apache-2.0

#include <cairo.h>
#include <cairo-svg.h>
#include <cairo-pdf.h>
