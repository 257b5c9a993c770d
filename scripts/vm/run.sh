#!/usr/bin/env bash
# Run a command inside a small VM that has real ALSA: a Debian kernel booted with
# virtme-ng (software emulation), the sequencer, snd-virmidi (virtual raw MIDI card,
# bytes come out on /dev/snd/midiC*D*), snd-seq-dummy (Midi Through) and snd-aloop
# (loopback sound card).
#
#   scripts/vm/run.sh [--rwdir DIR] [--timeout SECONDS] [--env NAME=VALUE]... -- COMMAND [ARGS...]
#
# The guest sees the host's file system read-only at the same paths and starts in the
# current working directory. The only place it can write to (and that the host sees
# afterwards) is the rwdir, exported to the command as $VM_OUT
# (default: <repo>/out/vm, ignored by git). The host's PATH is passed into the guest,
# with python3 resolved to the real interpreter (also as $VM_PYTHON: pyenv shims are
# very slow in the guest); --env NAME=VALUE passes more variables.
# Exit status: COMMAND's status; 124 when the wall-clock timeout (default 300 s)
# killed the VM; 125 for a harness failure (boot, module load, missing status).
#
# Environment: VM_KERNEL=/boot/vmlinuz-X to pick a kernel (default: newest),
# VM_MEMORY (default 1G), VM_TIMEOUT (default 300), VM_VERBOSE=1 for timing lines.
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

rwdir=""
timeout_s="${VM_TIMEOUT:-300}"
envs=()

usage() {
    sed -n '2,/^set -u/p' "${BASH_SOURCE[0]}" | grep '^#' | sed 's/^# \{0,1\}//' >&2
    exit 125
}

while [ $# -gt 0 ]; do
    case "$1" in
        --rwdir) [ $# -ge 2 ] || usage; rwdir="$2"; shift 2 ;;
        --rwdir=*) rwdir="${1#*=}"; shift ;;
        --timeout) [ $# -ge 2 ] || usage; timeout_s="$2"; shift 2 ;;
        --timeout=*) timeout_s="${1#*=}"; shift ;;
        --env) [ $# -ge 2 ] || usage; envs+=("$2"); shift 2 ;;
        --env=*) envs+=("${1#*=}"); shift ;;
        -h|--help) usage ;;
        --) shift; break ;;
        *) echo "run.sh: unknown option '$1' (the command goes after --)" >&2; usage ;;
    esac
done
[ $# -ge 1 ] || { echo "run.sh: no command given" >&2; usage; }
case "$timeout_s" in ''|*[!0-9]*) echo "run.sh: --timeout wants whole seconds" >&2; exit 125 ;; esac
for e in ${envs[@]+"${envs[@]}"}; do
    case "$e" in [A-Za-z_]*=*) ;; *) echo "run.sh: bad --env '$e' (want NAME=VALUE)" >&2; exit 125 ;; esac
done

command -v vng >/dev/null 2>&1 || { echo "run.sh: vng not found; run scripts/vm/setup.sh" >&2; exit 125; }
command -v qemu-system-x86_64 >/dev/null 2>&1 || { echo "run.sh: qemu-system-x86_64 not found; run scripts/vm/setup.sh" >&2; exit 125; }

kernel="${VM_KERNEL:-}"
if [ -z "$kernel" ]; then
    kernel=$(ls -1 /boot/vmlinuz-* 2>/dev/null | sort -V | tail -n 1)
fi
if [ -z "$kernel" ] || [ ! -r "$kernel" ]; then
    echo "run.sh: no readable kernel in /boot (install linux-image-amd64: scripts/vm/setup.sh)" >&2
    exit 125
fi
kver="${kernel##*/vmlinuz-}"
if [ ! -d "/lib/modules/$kver" ]; then
    echo "run.sh: /lib/modules/$kver missing for $kernel" >&2
    exit 125
fi

[ -n "$rwdir" ] || rwdir="$repo/out/vm"
mkdir -p "$rwdir" || { echo "run.sh: cannot create rwdir $rwdir" >&2; exit 125; }
rwdir=$(cd "$rwdir" && pwd -P)
cwd=$(pwd -P)

id="$$-$(date +%s%N)"
guest_script="$rwdir/.vm-run-$id.sh"
status_file="$rwdir/.vm-status-$id"
guest_bin="$rwdir/.vm-bin-$id"
cleanup() { [ -z "${fifo_dir:-}" ] || rm -rf "$fifo_dir"; rm -rf "$guest_bin"; rm -f "$guest_script" "$status_file" "$status_file.done" "$status_file.timeout"; }
trap cleanup EXIT

# Resolve python3 on the host: a pyenv shim is a bash script that forks dozens of
# processes, which takes tens of seconds in the emulated guest. The guest gets the
# real interpreter first in PATH (and as $VM_PYTHON).
guest_path="$PATH"
vm_python=""
if command -v python3 >/dev/null 2>&1; then
    vm_python=$(python3 -c 'import sys; print(sys.executable)' 2>/dev/null) || vm_python=""
fi
if [ -n "$vm_python" ] && [ "$vm_python" != "$(command -v python3)" ]; then
    mkdir -p "$guest_bin" && ln -sf "$vm_python" "$guest_bin/python3" \
        && ln -sf "$vm_python" "$guest_bin/python" && guest_path="$guest_bin:$PATH"
fi

# The command goes into a script in the rwdir rather than on the kernel command
# line (vng passes --exec there, and x86 limits it to 2048 bytes).
{
    echo '#!/bin/bash'
    printf 'export PATH=%q\n' "$guest_path"
    [ -z "$vm_python" ] || printf 'export VM_PYTHON=%q\n' "$vm_python"
    printf 'export PYTHONDONTWRITEBYTECODE=1\n'
    printf 'export VM_OUT=%q\n' "$rwdir"
    printf 'export VM_GUEST=1\n'
    [ -z "${VM_VERBOSE:-}" ] || printf 'export VM_VERBOSE=%q\n' "$VM_VERBOSE"
    for e in ${envs[@]+"${envs[@]}"}; do
        printf 'export %s=%q\n' "${e%%=*}" "${e#*=}"
    done
    printf 'status_file=%q\n' "$status_file"
    printf 'cd %q || { echo "run.sh(guest): cannot cd to %q" >&2; echo 125 >"$status_file"; exit 125; }\n' "$cwd" "$cwd"
    cat <<'EOF'
fail() { echo "run.sh(guest): $*" >&2; echo 125 >"$status_file"; exit 125; }
modprobe snd-virmidi midi_devs=1 || fail "modprobe snd-virmidi failed"
modprobe snd-seq-dummy || fail "modprobe snd-seq-dummy failed"
modprobe snd-aloop || fail "modprobe snd-aloop failed"
# Wait until the sequencer clients and device nodes are there (normally at once).
i=0
while :; do
    if [ -e /dev/snd/seq ] && ls /dev/snd/midiC*D* >/dev/null 2>&1 \
        && grep -q 'Virtual Raw MIDI' /proc/asound/seq/clients 2>/dev/null \
        && grep -q 'Midi Through' /proc/asound/seq/clients 2>/dev/null \
        && grep -q 'Loopback' /proc/asound/cards 2>/dev/null; then
        break
    fi
    i=$((i + 1))
    [ $i -lt 100 ] || fail "ALSA devices did not appear"
    sleep 0.1
done
[ -z "${VM_VERBOSE:-}" ] || echo "run.sh(guest): ALSA ready, running command" >&2
EOF
    printf '%q ' "$@"
    echo
    echo 'rc=$?'
    echo 'echo $rc >"$status_file"'
    echo 'exit $rc'
} >"$guest_script"
chmod +x "$guest_script"

# qemu reopens its stdout/stderr through /proc/self/fd/1 and /proc/self/fd/2, once per
# guest stream: when they are regular files, each open has its own offset and the
# streams overwrite each other (guest stderr was lost). Give it pipes instead.
fifo_dir=$(mktemp -d "${TMPDIR:-/tmp}/vm-run.XXXXXX") || exit 125
mkfifo "$fifo_dir/out" "$fifo_dir/err" || exit 125
cat "$fifo_dir/out" &
cat_out_pid=$!
cat "$fifo_dir/err" >&2 &
cat_err_pid=$!

start_ns=$(date +%s%N)
# setsid: vng/qemu get their own process group, so the watchdog can kill all of it.
# --force-9p: this vng would first try qemu's C virtiofsd, which rejects its options,
# and wait ~3 s for it before falling back to 9p anyway.
setsid vng -r "$kernel" --disable-kvm --force-9p --user root --memory "${VM_MEMORY:-1G}" \
    --rwdir "$rwdir" --exec "/bin/bash $guest_script" \
    </dev/null >"$fifo_dir/out" 2>"$fifo_dir/err" &
vm_pid=$!

kill_vm() {
    kill -TERM -- "-$vm_pid" 2>/dev/null
    for _ in 1 2 3 4 5 6 7 8 9 10; do
        kill -0 "$vm_pid" 2>/dev/null || return 0
        sleep 1
    done
    kill -KILL -- "-$vm_pid" 2>/dev/null
}
on_signal() {
    echo "run.sh: interrupted, stopping the VM" >&2
    [ -z "${watchdog_pid:-}" ] || stop_watchdog
    kill_vm
    exit 130
}
trap on_signal INT TERM HUP

done_file="$status_file.done"
(
    sleep "$timeout_s" &
    sleep_pid=$!
    trap 'kill "$sleep_pid" 2>/dev/null; exit 0' TERM
    wait "$sleep_pid"
    [ -e "$done_file" ] && exit 0
    touch "$status_file.timeout"
    kill -TERM -- "-$vm_pid" 2>/dev/null
    for _ in $(seq 20); do
        kill -0 -- "-$vm_pid" 2>/dev/null || exit 0
        sleep 0.5
    done
    kill -KILL -- "-$vm_pid" 2>/dev/null
) &
watchdog_pid=$!

stop_watchdog() {
    touch "$done_file"
    kill -TERM "$watchdog_pid" 2>/dev/null
    wait "$watchdog_pid" 2>/dev/null
}

wait "$vm_pid"
vng_rc=$?
stop_watchdog
wait "$cat_out_pid" "$cat_err_pid" 2>/dev/null
elapsed_ms=$(( ($(date +%s%N) - start_ns) / 1000000 ))

if [ -e "$status_file.timeout" ]; then
    rm -f "$status_file.timeout"
    # Make sure nothing of the VM is left.
    kill -KILL -- "-$vm_pid" 2>/dev/null
    echo "run.sh: TIMEOUT: the VM did not finish within ${timeout_s}s and was killed (command: $*)" >&2
    exit 124
fi

[ -z "${VM_VERBOSE:-}" ] || echo "run.sh: VM run took ${elapsed_ms} ms (vng exit $vng_rc)" >&2

if [ -s "$status_file" ]; then
    rc=$(cat "$status_file")
    if [ "$rc" != "$vng_rc" ]; then
        echo "run.sh: warning: guest status $rc but vng exited $vng_rc; using the guest's" >&2
    fi
    exit "$rc"
fi
echo "run.sh: the guest never reported an exit status (vng exited $vng_rc after ${elapsed_ms} ms): boot failure or crash?" >&2
[ "$vng_rc" -ne 0 ] && exit "$vng_rc"
exit 125
