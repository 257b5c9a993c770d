#!/usr/bin/env bash
# Installs miditask: the playback program, its shell completions and its man
# page, and miditask-api, the online program, with its man page.
#
#   scripts/install.sh [--prefix DIR] [--destdir DIR] [--binary PATH] [--api-binary PATH]
#
#   --prefix DIR    where it is installed (default /usr/local): DIR/bin/miditask,
#                   DIR/share/bash-completion/completions/miditask,
#                   DIR/share/zsh/site-functions/_miditask,
#                   DIR/share/fish/vendor_completions.d/miditask.fish,
#                   DIR/share/man/man1/miditask.1; DIR/bin/miditask-api and
#                   DIR/share/man/man1/miditask-api.1
#   --destdir DIR   staging root for packagers: files go to DIR/PREFIX/…
#   --binary PATH   install this already-built miditask
#   --api-binary PATH
#                   install this already-built miditask-api
#
# With neither, both are built with `swift build -c release` and installed;
# with one, only that one is installed (the packages take one each). `miditask`
# hands fetch, listen, tasks and task ids to the miditask-api beside it.
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
api_binary=
while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) prefix=${2:?--prefix needs a folder}; shift 2 ;;
        --prefix=*) prefix=${1#*=}; shift ;;
        --destdir) destdir=${2:?--destdir needs a folder}; shift 2 ;;
        --destdir=*) destdir=${1#*=}; shift ;;
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --binary=*) binary=${1#*=}; shift ;;
        --api-binary) api_binary=${2:?--api-binary needs a path}; shift 2 ;;
        --api-binary=*) api_binary=${1#*=}; shift ;;
        -h|--help) sed -n '2,27p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done
case "$prefix" in /*) ;; *) echo "install.sh: --prefix must be an absolute path, got '$prefix'" >&2; exit 2 ;; esac

if [ -z "$binary" ] && [ -z "$api_binary" ]; then
    echo "install.sh: building release"
    swift build -c release --product miditask
    swift build -c release --product miditask-api
    binary=.build/release/miditask
    api_binary=.build/release/miditask-api
fi
for program in "$binary" "$api_binary"; do
    [ -z "$program" ] && continue
    [ -x "$program" ] || { echo "install.sh: '$program' is not an executable" >&2; exit 1; }
    "$program" --version > /dev/null || { echo "install.sh: '$program --version' failed" >&2; exit 1; }
done

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

# man_page PROGRAM PAGE: PROGRAM's man page, as roff, into $staging/PAGE.
# generate-manual drops every non-ASCII character ("0–127" became "0127"):
# it reads the help through a wrapper that spells them @U+XXXX@, turned
# into roff's own \[uXXXX] escapes afterwards.
man_page() {
    local program_path
    program_path=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
    cat > "$staging/help-ascii" <<WRAPPER
#!/bin/sh
"$program_path" "\$@" | perl -CS -pe 's/([^\x00-\x7F])/sprintf("\@U+%04X\@", ord(\$1))/ge'
WRAPPER
    chmod +x "$staging/help-ascii"
    rm -rf "$staging/man" && mkdir "$staging/man"
    "$generate_manual" "$staging/help-ascii" --output-directory "$staging/man"
    # Both programs speak as `miditask`: the page is named for the command.
    [ -s "$staging/man/miditask.1" ] || { echo "install.sh: generate-manual wrote no page for $1" >&2; exit 1; }
    # A blank line in a command's discussion is a paragraph break: mdoc wants .Pp.
    perl -pe 's/\@U\+([0-9A-F]{4,6})\@/\\[u$1]/g; s/^\s*$/.Pp\n/' "$staging/man/miditask.1" > "$staging/$2"
}

root=$destdir$prefix
if [ -n "$binary" ]; then
    version=$("$binary" --version)
    for shell in bash zsh fish; do
        "$binary" --generate-completion-script "$shell" > "$staging/completion.$shell"
        [ -s "$staging/completion.$shell" ] || { echo "install.sh: no $shell completion script" >&2; exit 1; }
    done
    man_page "$binary" miditask.1
    install -D -m 755 "$binary" "$root/bin/miditask"
    install -D -m 644 "$staging/completion.bash" "$root/share/bash-completion/completions/miditask"
    install -D -m 644 "$staging/completion.zsh" "$root/share/zsh/site-functions/_miditask"
    install -D -m 644 "$staging/completion.fish" "$root/share/fish/vendor_completions.d/miditask.fish"
    install -D -m 644 "$staging/miditask.1" "$root/share/man/man1/miditask.1"
    echo "install.sh: installed $version under $root"
fi
if [ -n "$api_binary" ]; then
    version=$("$api_binary" --version)
    man_page "$api_binary" miditask-api.1
    # It speaks as miditask (its commands are reached through it); its page
    # is miditask-api's, which runs them as well.
    sed -i -e 's/^\.Dt MIDITASK 1/.Dt MIDITASK-API 1/' -e 's/^\.Nm miditask$/.Nm miditask-api/' "$staging/miditask-api.1"
    install -D -m 755 "$api_binary" "$root/bin/miditask-api"
    install -D -m 644 "$staging/miditask-api.1" "$root/share/man/man1/miditask-api.1"
    echo "install.sh: installed $version under $root"
fi
