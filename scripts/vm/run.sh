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
# (default: <repo>/out/vm, ignored by git). The host's PATH is passed into the guest.
# Exit status: COMMAND's status; 124 when the wall-clock timeout (default 300 s)
# killed the VM; 125 for a harness failure (boot, module load, missing status).
#
# Environment: VM_KERNEL=/boot/vmlinuz-X to pick a kernel (default: newest),
# VM_MEMORY (default 1G), VM_TIMEOUT (default 300), VM_VERBOSE=1 for timing lines.
set -u

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)

rwdir=""
timeout_s="${VM_TIMEOUT:-300}"
envs=()

usage() {
    sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
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
cleanup() { rm -f "$guest_script" "$status_file"; }
trap cleanup EXIT

# The command goes into a script in the rwdir rather than on the kernel command
# line (vng passes --exec there, and x86 limits it to 2048 bytes).
{
    echo '#!/bin/bash'
    printf 'export PATH=%q\n' "$PATH"
    printf 'export VM_OUT=%q\n' "$rwdir"
    printf 'export VM_GUEST=1\n'
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

start_ns=$(date +%s%N)
# setsid: vng/qemu get their own process group, so the watchdog can kill all of it.
setsid vng -r "$kernel" --disable-kvm --user root --memory "${VM_MEMORY:-1G}" \
    --rwdir "$rwdir" --exec "/bin/bash $guest_script" </dev/null &
vm_pid=$!

timed_out=0
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
    [ -z "${watchdog_pid:-}" ] || { pkill -TERM -P "$watchdog_pid" 2>/dev/null; kill -TERM "$watchdog_pid" 2>/dev/null; }
    kill_vm
    exit 130
}
trap on_signal INT TERM HUP

(
    sleep "$timeout_s" &
    wait $!
    touch "$status_file.timeout"
    kill -TERM -- "-$vm_pid" 2>/dev/null
    sleep 10
    kill -KILL -- "-$vm_pid" 2>/dev/null
) &
watchdog_pid=$!

wait "$vm_pid"
vng_rc=$?
# Stop the watchdog (and its sleep) if it has not fired.
pkill -TERM -P "$watchdog_pid" 2>/dev/null
kill -TERM "$watchdog_pid" 2>/dev/null
wait "$watchdog_pid" 2>/dev/null
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
