#!/usr/bin/env bash
# Gives every source file of the repository the short Apache-2.0 header:
#
#   // Copyright 2026 The miditask authors.
#   // Licensed under the Apache License, Version 2.0; see LICENSE for details.
#   // SPDX-License-Identifier: Apache-2.0
#
# (with `#` instead of `//` in shell and Python scripts).
#
#   scripts/license-headers.sh           add it where it is missing
#   scripts/license-headers.sh --check   list the files missing it; exit 1 if any
#
# Files: the tracked and new (not ignored) .swift, .h, .sh and .py files, and
# files whose first line is a shebang. A file that already names an SPDX
# licence near its top is left alone, so running it twice changes nothing.
#
# Where the header goes: in Swift and C files at the very top, except after
# Package.swift's `// swift-tools-version` line, which must stay first. In
# scripts after the shebang and the comment block that opens the file (it is
# the script's usage text, which some print from fixed line numbers).
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

mode=add
case "${1:-}" in
    "") ;;
    --check) mode=check ;;
    -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "license-headers.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
esac

git ls-files -z --cached --others --exclude-standard | python3 -c '
import os, sys

mode = sys.argv[1]
year = "2026"
text = [f"Copyright {year} The miditask authors.",
        "Licensed under the Apache License, Version 2.0; see LICENSE for details.",
        "SPDX-License-Identifier: Apache-2.0"]

def style(path, first):
    if path.endswith((".swift", ".h")):
        return "//"
    if path.endswith((".sh", ".py")) or first.startswith("#!"):
        return "#"
    return None

missing = []
for path in sorted(set(sys.stdin.read().split("\0")) - {""}):
    if not os.path.isfile(path) or os.path.islink(path):
        continue
    try:
        with open(path, encoding="utf-8") as f:
            content = f.read()
    except (UnicodeDecodeError, OSError):
        continue
    lines = content.splitlines(keepends=True)
    mark = style(path, lines[0] if lines else "")
    if mark is None:
        continue
    if any("SPDX-License-Identifier:" in line for line in lines[:30]):
        continue
    missing.append(path)
    if mode == "check":
        continue
    header = [f"{mark} {line}\n" for line in text]
    if mark == "//":
        at = 1 if lines and lines[0].startswith("// swift-tools-version") else 0
        after = lines[at:]
        new = lines[:at] + (["\n"] if at else []) + header + (["\n"] if after and after[0].strip() else []) + after
    else:
        at = 1 if lines and lines[0].startswith("#!") else 0
        if at < len(lines) and "coding" in lines[at] and lines[at].startswith("#"):
            at += 1
        opening = at
        while at < len(lines) and lines[at].startswith("#"):
            at += 1
        if at > opening:
            header = ["#\n"] + header
        new = lines[:at] + header + lines[at:]
    if new and not new[-1].endswith("\n"):
        new[-1] += "\n"
    mode_bits = os.stat(path).st_mode
    with open(path, "w", encoding="utf-8") as f:
        f.write("".join(new))
    os.chmod(path, mode_bits)

if mode == "check":
    for path in missing:
        print(path)
    if missing:
        print(f"license-headers.sh: {len(missing)} files lack the Apache-2.0 header; "
              "run scripts/license-headers.sh", file=sys.stderr)
        sys.exit(1)
else:
    print(f"license-headers.sh: added the header to {len(missing)} files")
' "$mode"
