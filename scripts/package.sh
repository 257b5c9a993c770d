#!/usr/bin/env bash
# Builds the Debian package: miditask_VERSION_amd64.deb, for Debian 12, that
# needs no Swift toolchain.
#
#   scripts/package.sh [--output-dir DIR] [--binary PATH]
#
#   --output-dir DIR  where the .deb and its debug symbols go (default out/)
#   --binary PATH     package this release build (made with
#                     --static-swift-stdlib) instead of building one
#
# VERSION is Sources/miditask/Version.swift's. The binary is a release build
# with the Swift runtime linked in statically (--static-swift-stdlib, in
# .build-static/), stripped; its debug symbols go beside the package as
# miditask_VERSION_amd64.debug, which the binary names (.gnu_debuglink) so
# gdb finds it when it is put in /usr/lib/debug. Depends is worked out by
# dpkg-shlibdeps from the libraries the binary links; Recommends:
# fluid-soundfont-gm. Inside: /usr/bin/miditask, its man page and bash, zsh
# and fish completions (made by scripts/install.sh), the README, NOTICE,
# changelog and copyright under /usr/share/doc/miditask, and any systemd unit
# in scripts/packaging/*.service. lintian, when installed, must report no
# error. The last line printed is the path of the .deb.
#
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
while [ $# -gt 0 ]; do
    case "$1" in
        --output-dir) output=${2:?--output-dir needs a folder}; shift 2 ;;
        --output-dir=*) output=${1#*=}; shift ;;
        --binary) binary=${2:?--binary needs a path}; shift 2 ;;
        --binary=*) binary=${1#*=}; shift ;;
        -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "package.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

version=$(sed -n 's/^ *static let number = "\([^"]*\)".*/\1/p' Sources/miditask/Version.swift)
[ -n "$version" ] || { echo "package.sh: no version in Sources/miditask/Version.swift" >&2; exit 1; }
arch=amd64
[ "$(dpkg --print-architecture)" = "$arch" ] || { echo "package.sh: builds for $arch only" >&2; exit 1; }
name=miditask_${version}_${arch}

if [ -z "$binary" ]; then
    echo "package.sh: building release with the Swift runtime linked in (.build-static)"
    swift build -c release --static-swift-stdlib --scratch-path .build-static --product miditask
    binary=$(swift build -c release --static-swift-stdlib --scratch-path .build-static --show-bin-path)/miditask
fi
[ -x "$binary" ] || { echo "package.sh: '$binary' is not an executable" >&2; exit 1; }
if ldd "$binary" | grep -q 'libswiftCore\|libFoundation\|libdispatch'; then
    echo "package.sh: $binary links the Swift runtime dynamically: build it with --static-swift-stdlib" >&2
    exit 1
fi

mkdir -p "$output"
output=$(cd "$output" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/miditask-package.XXXXXX")
trap 'rm -rf "$work"' EXIT
root=$work/root
mkdir -p "$root/DEBIAN"

# Stripped binary, and its symbols apart.
objcopy --only-keep-debug "$binary" "$output/$name.debug"
objcopy --strip-all "$binary" "$work/miditask"
objcopy --add-gnu-debuglink="$output/$name.debug" "$work/miditask"
chmod 755 "$work/miditask"

# The binary, man page and completions, as install.sh puts them.
scripts/install.sh --prefix /usr --destdir "$root" --binary "$work/miditask" >/dev/null
gzip -9n "$root/usr/share/man/man1/miditask.1"
# bash sources completion files; ArgumentParser starts its script with a #! line.
sed -i '1{/^#!/d}' "$root/usr/share/bash-completion/completions/miditask"

# swift-nio-extras (HTTP compression, under the callback listener and fetch)
# compiles its own copy of zlib into the binary; SwiftPM links it statically
# and offers no way to use the system's libz instead.
install -d "$root/usr/share/lintian/overrides"
printf '%s\n' "# swift-nio-extras builds zlib into the binary (CNIOExtrasZlib); SwiftPM cannot link the system's." \
    "miditask: embedded-library zlib [usr/bin/miditask]" > "$root/usr/share/lintian/overrides/miditask"
chmod 644 "$root/usr/share/lintian/overrides/miditask"

doc=$root/usr/share/doc/miditask
install -d "$doc"
install -m 644 README.md "$doc/README.md" && gzip -9n "$doc/README.md"
install -m 644 CHANGELOG.md "$doc/CHANGELOG.md" && gzip -9n "$doc/CHANGELOG.md"
install -m 644 NOTICE "$doc/NOTICE"

maintainer=${MIDITASK_MAINTAINER:-"$(git config user.name 2>/dev/null || echo miditask maintainers) <$(git config user.email 2>/dev/null || echo maintainers@miditask.invalid)>"}

# A native package: its Debian changelog is changelog.gz. One entry, for
# this version; the history is CHANGELOG.md beside it.
date=$(git log -1 --format=%cD 2>/dev/null || date -R)
{
    echo "miditask ($version) unstable; urgency=medium"
    echo
    echo "  * miditask $version. What each version brought:"
    echo "    /usr/share/doc/miditask/CHANGELOG.md.gz"
    echo
    echo " -- $maintainer  $date"
} | gzip -9n > "$doc/changelog.gz"

# The copyright file, machine-readable: miditask's licence, and NOTICE's
# list of what the binary contains and links.
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

# systemd units, when the tree has any (the callback listener's, say).
for unit in scripts/packaging/*.service; do
    [ -e "$unit" ] || continue
    install -D -m 644 "$unit" "$root/usr/lib/systemd/system/$(basename "$unit")"
done

# Depends: the packages of the libraries the binary links, at the versions
# whose symbols it uses.
mkdir -p "$work/src/debian"
printf 'Source: miditask\nMaintainer: %s\n\nPackage: miditask\nArchitecture: %s\n' "$maintainer" "$arch" \
    > "$work/src/debian/control"
depends=$(cd "$work/src" && dpkg-shlibdeps -O -e"$root/usr/bin/miditask" 2>"$work/shlibdeps.log" | sed -n 's/^shlibs:Depends=//p') \
    || { cat "$work/shlibdeps.log" >&2; echo "package.sh: dpkg-shlibdeps failed" >&2; exit 1; }
[ -n "$depends" ] || { cat "$work/shlibdeps.log" >&2; echo "package.sh: dpkg-shlibdeps found no libraries" >&2; exit 1; }

find "$root" -type d -exec chmod 755 {} +
installed_size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
cat > "$root/DEBIAN/control" <<CONTROL
Package: miditask
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Recommends: fluid-soundfont-gm
Section: sound
Priority: optional
Description: real-time player for MIDI generation tasks
 miditask plays the JSON a music-generation API returns when it turns a
 song's stems into notes: in real time to hardware synths through the ALSA
 sequencer, or through FluidSynth and a SoundFont to the sound card. It also
 renders tasks to audio files (WAV, FLAC, Ogg, MP3, Opus), exports them as
 Standard MIDI Files, draws piano rolls, fetches tasks from the API and
 receives its callbacks. "miditask doctor" checks what playback needs.
CONTROL
(cd "$root" && find usr -type f -print0 | sort -z | xargs -0 md5sum) > "$root/DEBIAN/md5sums"
chmod 644 "$root/DEBIAN/control" "$root/DEBIAN/md5sums"

deb=$output/$name.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null

if command -v lintian >/dev/null 2>&1; then
    # Errors fail the package; warnings and notes are shown.
    if ! lintian --fail-on error --suppress-tags-from-file /dev/null "$deb" >"$work/lintian.log" 2>&1; then
        cat "$work/lintian.log" >&2
        echo "package.sh: lintian found errors in $deb" >&2
        exit 1
    fi
    sed 's/^/lintian: /' "$work/lintian.log" >&2
else
    echo "package.sh: lintian is not installed; the package was not checked" >&2
fi
echo "package.sh: Depends: $depends" >&2
echo "package.sh: installed size $installed_size KiB, package $(( $(stat -c %s "$deb") / 1024 )) KiB" >&2
echo "$deb"
