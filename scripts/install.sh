#!/usr/bin/env bash
# Installs miditask: the binary, its shell completions and its man page.
#
#   scripts/install.sh [--prefix DIR] [--destdir DIR] [--binary PATH]
#
#   --prefix DIR    where it is installed (default /usr/local): DIR/bin/miditask,
#                   DIR/share/bash-completion/completions/miditask,
#                   DIR/share/zsh/site-functions/_miditask,
#                   DIR/share/fish/vendor_completions.d/miditask.fish,
#                   DIR/share/man/man1/miditask.1
#   --destdir DIR   staging root for packagers: files go to DIR/PREFIX/…
#   --binary PATH   install this already-built miditask instead of building
#                   one with `swift build -c release`
#
# The completions and the man page are generated from the binary itself
# (ArgumentParser's completion scripts and its generate-manual tool, built
# from the same swift-argument-parser checkout the package uses), so they
# always match the options of the binary installed.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

prefix=/usr/local
destdir=
binary=
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --destdir) destdir=${2:?--destdir needs a folder}; shift 2 ;;
        --destdir=*) destdir=${1#*=}; shift ;;
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --binary=*) binary=${1#*=}; shift ;;
        -h|--help) sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in /*) ;; *) echo "install.sh: --prefix must be an absolute path, got '$prefix'" >&2; exit 2 ;; esac

if [ -z "$binary" ]; then
    echo "install.sh: building release"
    swift build -c release --product miditask
    binary=.build/release/miditask
fi
[ -x "$binary" ] || { echo "install.sh: '$binary' is not an executable" >&2; exit 1; }
version=$("$binary" --version) || { echo "install.sh: '$binary --version' failed" >&2; exit 1; }

# generate-manual comes with swift-argument-parser; build it once, apart
# from the package's own build folder so the two never wait on each other.
parser=.build/checkouts/swift-argument-parser
[ -f "$parser/Package.swift" ] || swift package resolve
tools=.build/tools/argument-parser
echo "install.sh: building generate-manual (once)"
mkdir -p "$tools"
if ! swift build --package-path "$parser" --scratch-path "$tools" --product generate-manual > "$tools/build.log" 2>&1; then
    cat "$tools/build.log" >&2
    echo "install.sh: could not build generate-manual for the man page" >&2
    exit 1
fi
generate_manual="$(swift build --package-path "$parser" --scratch-path "$tools" --show-bin-path)/generate-manual"

staging=$(mktemp -d "${TMPDIR:-/tmp}/miditask-install.XXXXXX")
trap 'rm -rf "$staging"' EXIT
for shell in bash zsh fish; do
    "$binary" --generate-completion-script "$shell" > "$staging/completion.$shell"
    [ -s "$staging/completion.$shell" ] || { echo "install.sh: no $shell completion script" >&2; exit 1; }
done
# generate-manual drops every non-ASCII character ("0–127" became "0127"):
# it reads the help through a wrapper that spells them @U+XXXX@, turned
# into roff's own \[uXXXX] escapes afterwards.
binary_path=$(cd "$(dirname "$binary")" && pwd)/$(basename "$binary")
cat > "$staging/help-ascii" <<WRAPPER
#!/bin/sh
"$binary_path" "\$@" | perl -CS -pe 's/([^\x00-\x7F])/sprintf("\@U+%04X\@", ord(\$1))/ge'
WRAPPER
chmod +x "$staging/help-ascii"
mkdir "$staging/man"
"$generate_manual" "$staging/help-ascii" --output-directory "$staging/man"
[ -s "$staging/man/miditask.1" ] || { echo "install.sh: generate-manual wrote no miditask.1" >&2; exit 1; }
# A blank line in a command's discussion is a paragraph break: mdoc wants .Pp.
perl -pe 's/\@U\+([0-9A-F]{4,6})\@/\\[u$1]/g; s/^\s*$/.Pp\n/' "$staging/man/miditask.1" > "$staging/miditask.1"

root=$destdir$prefix
install -D -m 755 "$binary" "$root/bin/miditask"
install -D -m 644 "$staging/completion.bash" "$root/share/bash-completion/completions/miditask"
install -D -m 644 "$staging/completion.zsh" "$root/share/zsh/site-functions/_miditask"
install -D -m 644 "$staging/completion.fish" "$root/share/fish/vendor_completions.d/miditask.fish"
install -D -m 644 "$staging/miditask.1" "$root/share/man/man1/miditask.1"
echo "install.sh: installed $version under $root"
