#!/usr/bin/env bash
# The Debian packages on a clean Debian 12: builds them (scripts/package.sh),
# makes a minimal Debian 12 root with debootstrap (minbase: no Swift, no
# compilers) from the package mirror this machine's apt uses, installs
# miditask's .deb there with apt (which resolves its Depends), then inside
# that root (chroot) runs miditask --version, info, export, render to WAV and
# to MP3, roll to PNG and doctor, and sees the online commands refused with
# what to install; checks that ldd finds every library inside the root and
# that the man page is installed; fails when the installed size is 20 MB or
# more. Then installs miditask-api's .deb and runs tasks, doctor and a task
# id through miditask. Reports both packages' installed and .deb sizes.
#
#   Tests/Package/deb-install.sh [--deb PATH --api-deb PATH]
#
#   --deb PATH       test this miditask package instead of building both
#   --api-deb PATH   and this miditask-api package
#
# Needs root (debootstrap, chroot, mount). The fresh root is cached as
# .build-debroot/bookworm-minbase.tar (debootstrap takes minutes; unpacking
# it seconds); delete it to make a new one. Results go to .build-debroot/last/.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

deb=
api_deb=
while [ $# -gt 0 ]; do
    case "$1" in
        --deb) deb=${2:?--deb needs a path}; shift 2 ;;
        --api-deb) api_deb=${2:?--api-deb needs a path}; shift 2 ;;
        -h|--help) sed -n '2,20p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "deb-install.sh: unknown argument '$1' (see --help)" >&2; exit 2 ;;
    esac
done

started=$(date +%s)
fail() { echo "FAIL deb-install: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || fail "needs root (debootstrap, chroot)"
command -v debootstrap >/dev/null || fail "debootstrap is not installed (scripts/setup.sh installs it)"

cache=.build-debroot
mkdir -p "$cache"
results=$cache/last
rm -rf "$results" && mkdir -p "$results"

if [ -z "$deb" ]; then
    package_started=$(date +%s)
    debs=$(scripts/package.sh 2> >(tee "$results/package.log" >&2) | tail -2) || fail "scripts/package.sh failed"
    deb=$(echo "$debs" | head -1)
    api_deb=$(echo "$debs" | tail -1)
    echo "deb-install: packages built in $(( $(date +%s) - package_started )) s: $deb $api_deb"
fi
[ -f "$deb" ] || fail "no package at '$deb'"
[ -f "$api_deb" ] || fail "no miditask-api package at '$api_deb'"
[ "$(dpkg-deb -f "$deb" Package)" = miditask ] || fail "$deb is not the miditask package"
[ "$(dpkg-deb -f "$api_deb" Package)" = miditask-api ] || fail "$api_deb is not the miditask-api package"
version=$(dpkg-deb -f "$deb" Version)

# The mirrors this machine's apt uses, for Debian 12 main: "URI SUITE" lines.
mirrors=$(python3 - <<'PY'
import glob, re
pairs = []
for path in sorted(glob.glob("/etc/apt/sources.list.d/*.sources")):
    for stanza in re.split(r"\n\s*\n", open(path).read()):
        fields = {}
        for line in stanza.splitlines():
            if line.startswith("#") or ":" not in line or line[0].isspace():
                continue
            key, value = line.split(":", 1)
            fields[key.strip().lower()] = value.split()
        if "deb" not in fields.get("types", []) or fields.get("enabled", ["yes"])[0] == "no":
            continue
        for uri in fields.get("uris", []):
            for suite in fields.get("suites", []):
                if suite.startswith("bookworm") and "main" in fields.get("components", []):
                    pairs.append((uri, suite))
for path in ["/etc/apt/sources.list"] + sorted(glob.glob("/etc/apt/sources.list.d/*.list")):
    try:
        lines = open(path).read().splitlines()
    except OSError:
        continue
    for line in lines:
        words = re.sub(r"\[[^]]*\]", "", line.split("#")[0]).split()
        if len(words) >= 4 and words[0] == "deb" and words[2].startswith("bookworm") and "main" in words[3:]:
            pairs.append((words[1], words[2]))
for uri, suite in dict.fromkeys(pairs):
    print(uri, suite)
PY
)
mirror=$(echo "$mirrors" | awk '$2 == "bookworm" { print $1; exit }')
[ -n "$mirror" ] || fail "no Debian 12 (bookworm) main mirror in /etc/apt/sources.list{,.d}"

root=$(mktemp -d /var/tmp/miditask-debroot.XXXXXX)
mounted=()
cleanup() {
    for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[$i]}" 2>/dev/null; done
    rm -rf --one-file-system "$root"
}
trap cleanup EXIT

root_started=$(date +%s)
tarball=$cache/bookworm-minbase.tar
if [ -f "$tarball" ]; then
    tar -xf "$tarball" -C "$root" || fail "cannot unpack $tarball"
    echo "deb-install: Debian 12 minbase root from $tarball"
else
    echo "deb-install: debootstrap --variant=minbase bookworm from $mirror"
    debootstrap --variant=minbase bookworm "$root" "$mirror" > "$results/debootstrap.log" 2>&1 \
        || { tail -20 "$results/debootstrap.log" >&2; fail "debootstrap failed"; }
    tar -cf "$tarball.part" -C "$root" . && mv "$tarball.part" "$tarball"
fi
echo "$mirrors" | awk '{ print "deb " $1 " " $2 " main" }' > "$root/etc/apt/sources.list"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null
for fs in proc dev; do
    mount --bind "/$fs" "$root/$fs" || fail "cannot bind-mount /$fs into the root"
    mounted+=("$root/$fs")
done
echo "deb-install: root ready in $(( $(date +%s) - root_started )) s"

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 "$@"; }

# No Swift and no compiler in there: the package must bring what it needs.
for tool in swift swiftc cc gcc; do
    in_root sh -c "command -v $tool" >/dev/null && fail "the clean root has $tool"
done

install_started=$(date +%s)
cp "$deb" "$api_deb" "$root/tmp/"
in_root apt-get update -qq > "$results/apt.log" 2>&1 || { cat "$results/apt.log" >&2; fail "apt-get update failed"; }
# Without Recommends: the 140 MB fluid-soundfont-gm would dominate the test's
# time; the project's small SoundFont is used below.
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" \
    >> "$results/apt.log" 2>&1 || { tail -30 "$results/apt.log" >&2; fail "apt-get install of the package failed"; }
echo "deb-install: installed with apt in $(( $(date +%s) - install_started )) s"
in_root dpkg -s fluid-soundfont-gm >/dev/null 2>&1 && fail "Recommends were installed though not asked for"
dpkg-deb -f "$deb" Recommends | grep -q fluid-soundfont-gm || fail "the package does not recommend fluid-soundfont-gm"

# Every library the binary links is found inside the root.
in_root ldd /usr/bin/miditask > "$results/ldd.txt" 2>&1 || fail "ldd failed: $(cat "$results/ldd.txt")"
grep -q "not found" "$results/ldd.txt" && fail "libraries missing in the root: $(grep 'not found' "$results/ldd.txt")"
grep -qi "swift" "$results/ldd.txt" && fail "the binary links a Swift library: $(grep -i swift "$results/ldd.txt")"

# The man page, completions and documents.
for file in /usr/share/man/man1/miditask.1.gz /usr/share/bash-completion/completions/miditask \
            /usr/share/zsh/site-functions/_miditask /usr/share/fish/vendor_completions.d/miditask.fish \
            /usr/share/doc/miditask/copyright /usr/share/doc/miditask/changelog.gz \
            /usr/share/doc/miditask/README.md.gz /usr/share/doc/miditask/CHANGELOG.md.gz; do
    [ -s "$root$file" ] || fail "$file is not installed"
done
zcat "$root/usr/share/man/man1/miditask.1.gz" | grep -q "doctor" || fail "the man page does not document doctor"

# The commands, on the bundled example task.
work=$root/tmp/t
mkdir -p "$work"
cp Tests/MiditaskCLITests/Fixtures/demo.callback.json "$work/task.json"
cp soundfonts/miditask-gm.sf2 "$work/gm.sf2"
run() {  # name, then the command line inside the root
    local name=$1; shift
    if ! in_root env MIDITASK_SOUNDFONT=/tmp/t/gm.sf2 "$@" > "$results/$name.out" 2> "$results/$name.err"; then
        fail "$* exited non-zero: $(cat "$results/$name.err")"
    fi
}
magic() {  # file, expected first bytes as hex, what it is
    local got
    got=$(head -c $(( ${#2} / 2 )) "$1" 2>/dev/null | od -An -tx1 | tr -d ' \n')
    [ "$got" = "$2" ] || fail "$1 is not $3 (starts with $got)"
}
run version miditask --version
[ "$(cat "$results/version.out")" = "miditask $version" ] || fail "--version printed '$(cat "$results/version.out")'"
run info miditask info /tmp/t/task.json
grep -q "demo-groove-0001" "$results/info.out" || fail "info did not name the task: $(cat "$results/info.out")"
run export miditask export /tmp/t/task.json -o /tmp/t/out.mid
magic "$work/out.mid" 4d546864 "a MIDI file"
run render-wav miditask render /tmp/t/task.json -F /tmp/t/out.wav
magic "$work/out.wav" 52494646 "a WAV file"
run render-mp3 miditask render /tmp/t/task.json -F /tmp/t/out.mp3
head -c 3 "$work/out.mp3" | grep -q "ID3" || magic "$work/out.mp3" fffb "an MP3 file"
[ "$(stat -c %s "$work/out.mp3")" -gt 10000 ] || fail "out.mp3 is too small to hold the song"
run roll miditask roll /tmp/t/task.json -o /tmp/t/out.png
magic "$work/out.png" 89504e47 "a PNG file"

# doctor: one line per check and a verdict; no sequencer in this root unless
# the machine has one; the SoundFont named by the environment.
in_root env MIDITASK_SOUNDFONT=/tmp/t/gm.sf2 miditask doctor > "$results/doctor.out" 2> "$results/doctor.err"
status=$?
cat "$results/doctor.out"
[ "$(wc -l < "$results/doctor.out")" -eq 12 ] || fail "doctor printed $(wc -l < "$results/doctor.out") lines, not 12"
grep -q "^OK *soundfont *\/tmp\/t\/gm.sf2" "$results/doctor.out" || fail "doctor did not find the SoundFont"
if grep -q "^Playback can work" "$results/doctor.out"; then expected=0; else expected=1; fi
[ $status -eq $expected ] || fail "doctor exited $status after its verdict"
if [ ! -e /dev/snd/seq ]; then
    grep -q "^error *sequencer .* — fix: " "$results/doctor.out" || fail "doctor did not report the missing sequencer"
fi
# libfluidsynth3 depends on a small GM SoundFont (timgm6mb-soundfont), which
# Debian links as default-GM.sf2: doctor finds it with nothing set.
in_root miditask doctor --json > "$results/doctor.json" 2>&1
python3 - "$results/doctor.json" <<'PY' || fail "doctor --json: $(cat "$results/doctor.json")"
import json, sys
d = json.load(open(sys.argv[1]))
checks = {c["name"]: c for c in d["checks"]}
assert len(d["checks"]) == 11
assert checks["soundfont"]["status"] == "ok" and checks["soundfont"]["summary"].startswith("/usr/share/sounds/sf2/"), checks["soundfont"]
PY
in_root env MIDITASK_SOUNDFONT=/tmp/t/none.sf2 miditask doctor --json > "$results/doctor-nosf.json" 2>&1
grep -q '"name": "soundfont", "status": "error"' "$results/doctor-nosf.json" \
    || fail "a missing \$MIDITASK_SOUNDFONT was not reported: $(cat "$results/doctor-nosf.json")"

grep -q '"name": "library", "status": "warning", "summary": "not checked: no miditask-api' "$results/doctor-nosf.json" \
    || fail "doctor without miditask-api did not say so: $(cat "$results/doctor-nosf.json")"

# Without miditask-api, the online commands and task ids say what to install.
in_root miditask tasks > "$results/tasks-alone.out" 2>&1 && fail "miditask tasks ran without miditask-api"
grep -q "needs miditask-api" "$results/tasks-alone.out" || fail "tasks without miditask-api: $(cat "$results/tasks-alone.out")"
in_root miditask info some-task-id > "$results/id-alone.out" 2>&1 && fail "a task id played without miditask-api"
grep -q "needs miditask-api" "$results/id-alone.out" || fail "a task id without miditask-api: $(cat "$results/id-alone.out")"

# sizes PACKAGE DEB: its installed size, its files' and its .deb's; sets files_bytes.
sizes() {
    local installed_kib deb_bytes binary_bytes
    installed_kib=$(in_root dpkg-query -W -f='${Installed-Size}' "$1")
    files_bytes=$(in_root dpkg -L "$1" | while read -r f; do [ -f "$root$f" ] && stat -c %s "$root$f"; done \
        | awk '{ s += $1 } END { print s }')
    deb_bytes=$(stat -c %s "$2")
    binary_bytes=$(stat -c %s "$root/usr/bin/$1")
    echo "deb-install: $1 installed size $installed_kib KiB (files $(( files_bytes / 1024 )) KiB, binary $(( binary_bytes / 1024 )) KiB), .deb $(( deb_bytes / 1024 )) KiB"
}
sizes miditask "$deb"
[ "$files_bytes" -lt 20000000 ] || fail "miditask installs $files_bytes bytes: the goal is under 20 MB"

# The online program: its package, through miditask.
install_started=$(date +%s)
in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "/tmp/$(basename "$api_deb")" \
    >> "$results/apt.log" 2>&1 || { tail -30 "$results/apt.log" >&2; fail "apt-get install of miditask-api failed"; }
echo "deb-install: miditask-api installed with apt in $(( $(date +%s) - install_started )) s"
dpkg-deb -f "$api_deb" Depends | grep -q "miditask (= $version)" || fail "miditask-api does not depend on miditask $version"
in_root ldd /usr/bin/miditask-api > "$results/ldd-api.txt" 2>&1 || fail "ldd failed: $(cat "$results/ldd-api.txt")"
grep -q "not found" "$results/ldd-api.txt" && fail "libraries missing in the root: $(grep 'not found' "$results/ldd-api.txt")"
grep -qi "swift" "$results/ldd-api.txt" && fail "miditask-api links a Swift library: $(grep -i swift "$results/ldd-api.txt")"
for file in /usr/share/man/man1/miditask-api.1.gz /usr/lib/systemd/system/miditask-listen.service \
            /usr/share/doc/miditask-api/copyright /usr/share/doc/miditask-api/changelog.gz; do
    [ -s "$root$file" ] || fail "$file is not installed"
done
run api-version miditask-api --version
[ "$(cat "$results/api-version.out")" = "miditask-api $version" ] || fail "miditask-api --version printed '$(cat "$results/api-version.out")'"
run tasks miditask tasks
grep -q "^no tasks in /root/.local/share/miditask" "$results/tasks.out" || fail "miditask tasks: $(cat "$results/tasks.out")"
in_root miditask info some-task-id > "$results/id.out" 2>&1 && fail "an unknown task id played"
grep -q "no file or stored task named some-task-id; set MIDITASK_API_KEY" "$results/id.out" \
    || fail "an unknown task id through miditask-api: $(cat "$results/id.out")"
in_root env MIDITASK_SOUNDFONT=/tmp/t/gm.sf2 miditask doctor --json > "$results/doctor-api.json" 2>&1
grep -q '"name": "library", "status": "ok"' "$results/doctor-api.json" \
    || fail "doctor with miditask-api did not check the library: $(cat "$results/doctor-api.json")"
sizes miditask-api "$api_deb"
echo "PASS deb-install: miditask and miditask-api $version installed with apt on a clean Debian 12 in $(( $(date +%s) - started )) s"
