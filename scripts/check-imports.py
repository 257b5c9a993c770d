#!/usr/bin/env python3
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
"""Checks that every module a target imports is declared in Package.swift.

Reads each target's name and dependencies from Package.swift (targets and
products alike, by name: this package's products are named after their
modules), then every `import` in Sources/<target> or Tests/<target>; an
imported module that is neither declared, nor the toolchain's own, is
reported with the file that imports it. Exit 1 if any.

    scripts/check-imports.py
"""

import os
import re
import sys

TOOLCHAIN = {"Foundation", "FoundationEssentials", "FoundationXML", "Glibc", "Musl", "Darwin", "Dispatch",
             "Synchronization", "Testing", "XCTest", "_Concurrency"}


def targets(manifest):
    """{name: (kind, set of dependency names)} for each target in the manifest."""
    found = {}
    for m in re.finditer(r'\.(target|testTarget|executableTarget|systemLibrary)\(\s*name:\s*"([^"]+)"', manifest):
        kind, name = m.group(1), m.group(2)
        # The target's text runs to the next target (or the end of the list).
        rest = manifest[m.end():]
        nxt = re.search(r'\.(target|testTarget|executableTarget|systemLibrary)\(', rest)
        body = rest[:nxt.start()] if nxt else rest
        deps = set()
        d = re.search(r'dependencies:\s*\[(.*?)\]\s*[,)]', body, re.S)
        if d:
            deps |= set(re.findall(r'\.product\(name:\s*"([^"]+)"', d.group(1)))
            deps |= set(re.findall(r'(?<![:\w])"([^"]+)"', re.sub(r'\.product\([^)]*\)', '', d.group(1))))
        found[name] = (kind, deps)
    return found


def main():
    root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..")
    with open(os.path.join(root, "Package.swift")) as f:
        declared = targets(f.read())
    problems = []
    for name, (kind, deps) in sorted(declared.items()):
        if kind == "systemLibrary":
            continue
        folder = os.path.join(root, "Tests" if kind == "testTarget" else "Sources", name)
        for dirpath, _, files in os.walk(folder):
            for file in files:
                if not file.endswith(".swift"):
                    continue
                path = os.path.join(dirpath, file)
                with open(path) as f:
                    for line in f:
                        m = re.match(r'(?:@testable\s+)?(?:(?:public|package|internal|private|fileprivate)\s+)?import\s+(?:\w+\s+)?([A-Za-z_]\w*)', line)
                        if not m:
                            continue
                        module = m.group(1)
                        if module in TOOLCHAIN or module == name or module in deps:
                            continue
                        problems.append(f"{os.path.relpath(path, root)}: imports {module}, "
                                        f"which target {name} does not declare")
    for p in problems:
        print(p, file=sys.stderr)
    if problems:
        return 1
    print(f"imports: every module imported by {len(declared)} targets is declared")
    return 0


if __name__ == "__main__":
    sys.exit(main())
