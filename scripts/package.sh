#!/usr/bin/env bash
# Builds the Debian packages, for Debian 12, that need no Swift toolchain:
#   miditask_VERSION_amd64.deb      the playback program (play, render, export,
#                                   roll, info, ports, panic, doctor, bench)
#   miditask-api_VERSION_amd64.deb  the online program (fetch, listen, tasks,
#                                   task ids), which depends on the first
#
#   scripts/package.sh [--output-dir DIR] [--binary PATH] [--api-binary PATH]
#
#   --output-dir DIR    where the .debs and their debug symbols go (default out/)
#   --binary PATH       package this release build of miditask (made with
#                       --static-swift-stdlib) instead of building one
#   --api-binary PATH   the same for miditask-api
#
# VERSION is Sources/CommandLineSupport/Version.swift's. Each binary is a
# release build with the Swift runtime linked in (--static-swift-stdlib, in
# .build-static/), stripped; its debug symbols go beside the package as
# PACKAGE_VERSION_amd64.debug, named in the binary (.gnu_debuglink). Depends:
# dpkg-shlibdeps's, and miditask-api needs miditask of its version; miditask
# Recommends fluid-soundfont-gm. Inside: the programs, their man pages,
# miditask's completions (all by scripts/install.sh), the listener's systemd
# unit (miditask-api), README, NOTICE, changelog and copyright. lintian, when
# installed, must report no error. The last two lines printed are the .debs'
# paths, miditask's first.
# Needs dpkg-dev (dpkg-shlibdeps), binutils and, for the check, lintian:
# scripts/setup.sh installs them.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

output=out
binary=
api_binary=
while [ $# -gt 0 ]; do
    case "$1" in
        --output-dir) output=${2:?--output-dir needs a folder}; shift 2 ;;
        --output-dir=*) output=${1#*=}; shift ;;
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --binary=*) binary=${1#*=}; shift ;;
        --api-binary) api_binary=${2:?--api-binary needs a path}; shift 2 ;;
        --api-binary=*) api_binary=${1#*=}; shift ;;
        -h|--help) sed -n '2,26p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

version=$(sed -n 's/^ *public static let number = "\([^"]*\)".*/\1/p' Sources/CommandLineSupport/Version.swift)
[ -n "$version" ] || { echo "package.sh: no version in Sources/CommandLineSupport/Version.swift" >&2; exit 1; }
arch=amd64
[ "$(dpkg --print-architecture)" = "$arch" ] || { echo "package.sh: builds for $arch only" >&2; exit 1; }

static_build() {  # PRODUCT: builds it, prints its path
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product "$1" >&2
    echo "$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/$1"
}
if [ -z "$binary" ]; then
    echo "package.sh: building miditask, release, with the Swift runtime linked in (.build-static)" >&2
    binary=$(static_build miditask)
fi
if [ -z "$api_binary" ]; then
    echo "package.sh: building miditask-api, release, with the Swift runtime linked in (.build-static)" >&2
    api_binary=$(static_build miditask-api)
fi
for program in "$binary" "$api_binary"; do
    [ -x "$program" ] || { echo "package.sh: '$program' is not an executable" >&2; exit 1; }
    if ldd "$program" | grep -q 'libswiftCore\|libFoundation\|libdispatch'; then
        echo "package.sh: $program links the Swift runtime dynamically: build it with --static-swift-stdlib" >&2
        exit 1
    fi
done

mkdir -p "$output"
output=$(cd "$output" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/miditask-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
maintainer=${MIDITASK_MAINTAINER:-"$(git config user.name 2>/dev/null || echo miditask maintainers) <$(git config user.email 2>/dev/null || echo maintainers@miditask.invalid)>"}
date=$(git log -1 --format=%cD 2>/dev/null || date -R)

# stage PACKAGE PROGRAM INSTALL-OPTION: the stripped program in
# $work/PACKAGE/root as install.sh puts it, its symbols apart, and the
# package's documents. Prints the root.
stage() {
    local package=$1 program=$2 option=$3
    local root=$work/$package/root name=${package}_${version}_${arch}
    mkdir -p "$root/DEBIAN"
    objcopy --only-keep-debug "$program" "$output/$name.debug"
    objcopy --strip-all "$program" "$work/$package/$package"
    objcopy --add-gnu-debuglink="$output/$name.debug" "$work/$package/$package"
    chmod 755 "$work/$package/$package"
    scripts/install.sh --prefix /usr --destdir "$root" "$option" "$work/$package/$package" >/dev/null
    gzip -9n "$root/usr/share/man/man1/$package.1"

    local doc=$root/usr/share/doc/$package
    install -d "$doc"
    install -m 644 README.md "$doc/README.md" && gzip -9n "$doc/README.md"
    install -m 644 CHANGELOG.md "$doc/CHANGELOG.md" && gzip -9n "$doc/CHANGELOG.md"
    install -m 644 NOTICE "$doc/NOTICE"
    # A native package: its Debian changelog is changelog.gz. One entry, for
    # this version; the history is CHANGELOG.md beside it.
    {
        echo "$package ($version) unstable; urgency=medium"
        echo
        echo "  * miditask $version. What each version brought:"
        echo "    /usr/share/doc/$package/CHANGELOG.md.gz"
        echo
        echo " -- $maintainer  $date"
    } | gzip -9n > "$doc/changelog.gz"
    # The copyright file, machine-readable: miditask's licence, and NOTICE's
    # list of what the programs contain and link.
    {
        echo "Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/"
        echo "Upstream-Name: miditask"
        echo "Comment:"
        sed -e 's/^$/./' -e 's/^/ /' NOTICE
        echo
        echo "Files: *"
        echo "Copyright: 2026 The miditask authors"
        echo "License: Apache-2.0"
        echo
        echo "License: Apache-2.0"
        echo " Licensed under the Apache License, Version 2.0 (the \"License\");"
        echo " you may not use this file except in compliance with the License."
        echo " You may obtain a copy of the License at"
        echo " ."
        echo "     http://www.apache.org/licenses/LICENSE-2.0"
        echo " ."
        echo " Unless required by applicable law or agreed to in writing, software"
        echo " distributed under the License is distributed on an \"AS IS\" BASIS,"
        echo " WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied."
        echo " See the License for the specific language governing permissions and"
        echo " limitations under the License."
        echo " ."
        echo " On Debian systems, the full text of the Apache License, Version 2.0"
        echo " can be found in /usr/share/common-licenses/Apache-2.0."
    } > "$doc/copyright"
    chmod 644 "$doc/copyright" "$doc/changelog.gz"
    echo "$root"
}

# build PACKAGE ROOT "EXTRA CONTROL LINES" "DESCRIPTION": Depends from
# dpkg-shlibdeps, the control file, the .deb, lintian. Prints the .deb's path.
build() {
    local package=$1 root=$2 extra=$3 description=$4
    local deb=$output/${package}_${version}_${arch}.deb
    mkdir -p "$work/$package/src/debian"
    printf 'Source: miditask\nMaintainer: %s\n\nPackage: %s\nArchitecture: %s\n' "$maintainer" "$package" "$arch" \
        > "$work/$package/src/debian/control"
    local depends
    depends=$(cd "$work/$package/src" && dpkg-shlibdeps -O -e"$root/usr/bin/$package" 2>"$work/$package/shlibdeps.log" \
        | sed -n 's/^shlibs:Depends=//p') \
        || { cat "$work/$package/shlibdeps.log" >&2; echo "package.sh: dpkg-shlibdeps failed for $package" >&2; exit 1; }
    [ -n "$depends" ] || { cat "$work/$package/shlibdeps.log" >&2; echo "package.sh: dpkg-shlibdeps found no libraries for $package" >&2; exit 1; }
    [ "$package" = miditask-api ] && depends="miditask (= $version), $depends"

    find "$root" -type d -exec chmod 755 {} +
    local installed_size
    installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
    {
        echo "Package: $package"
        echo "Version: $version"
        echo "Architecture: $arch"
        echo "Maintainer: $maintainer"
        echo "Installed-Size: $installed_size"
        echo "Depends: $depends"
        [ -n "$extra" ] && echo "$extra"
        echo "Section: sound"
        echo "Priority: optional"
        echo "$description"
    } > "$root/DEBIAN/control"
    (cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
    chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"
    dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null

    if command -v lintian >/dev/null 2>&1; then
        # Errors fail the package; warnings and notes are shown.
        if ! lintian --fail-on error --suppress-tags-from-file /dev/null "$deb" >"$work/$package/lintian.log" 2>&1; then
            cat "$work/$package/lintian.log" >&2
            echo "package.sh: lintian found errors in $deb" >&2
            exit 1
        fi
        sed "s/^/lintian: /" "$work/$package/lintian.log" >&2
    else
        echo "package.sh: lintian is not installed; the package was not checked" >&2
    fi
    echo "package.sh: $package Depends: $depends" >&2
    echo "package.sh: $package installed size $installed_size KiB, package $(( $(stat -c %s "$deb") / 1024 )) KiB" >&2
    echo "$deb"
}

core_root=$(stage miditask "$binary" --binary)
# bash sources completion files; ArgumentParser starts its script with a #! line.
sed -i '1{/^#!/d}' "$core_root/usr/share/bash-completion/completions/miditask"
core_deb=$(build miditask "$core_root" "Recommends: fluid-soundfont-gm" "Description: real-time player for MIDI generation tasks
 miditask plays the JSON a music-generation API returns when it turns a
 song's stems into notes: in real time to hardware synths through the ALSA
 sequencer, or through FluidSynth and a SoundFont to the sound card. It also
 renders tasks to audio files (WAV, FLAC, Ogg, MP3, Opus), exports them as
 Standard MIDI Files and draws piano rolls. \"miditask doctor\" checks what
 playback needs. Fetching tasks from the API and receiving its callbacks
 are in the miditask-api package.")

api_root=$(stage miditask-api "$api_binary" --api-binary)
# systemd units: the callback listener's.
for unit in scripts/packaging/*.service; do
    [ -e "$unit" ] || continue
    install -D -m 644 "$unit" "$api_root/usr/lib/systemd/system/$(basename "$unit")"
done
# swift-nio-extras (HTTP compression, under the callback listener and fetch)
# compiles its own copy of zlib into the binary; SwiftPM links it statically
# and offers no way to use the system's libz instead.
install -d "$api_root/usr/share/lintian/overrides"
printf '%s\n' "# swift-nio-extras builds zlib into the binary (CNIOExtrasZlib); SwiftPM cannot link the system's." \
    "miditask-api: embedded-library zlib [usr/bin/miditask-api]" > "$api_root/usr/share/lintian/overrides/miditask-api"
chmod 644 "$api_root/usr/share/lintian/overrides/miditask-api"
api_deb=$(build miditask-api "$api_root" "" "Description: online part of miditask: fetch tasks, receive API callbacks
 miditask-api fetches MIDI generation tasks from the task API, receives the
 API's callbacks over HTTP or HTTPS (with a systemd unit for the listener)
 and keeps the tasks in a local library, so that miditask plays, renders
 and exports them by id. It carries the HTTP, TLS and database code that
 playback does not need; \"miditask fetch\", \"listen\" and \"tasks\" run it.")
echo "$core_deb"
echo "$api_deb"
