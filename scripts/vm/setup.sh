#!/usr/bin/env bash
# Install what the VM tests (scripts/vm/run.sh) need, on Debian 12, as root.
# Idempotent and quiet when everything is already there (checks only, no network).
#
#   scripts/vm/setup.sh            # install what is missing
#   scripts/vm/setup.sh --check    # only report; exit 1 if something is missing
#
# Copyright 2026 The miditask authors.
# Licensed under the Apache License, Version 2.0; see LICENSE for details.
# SPDX-License-Identifier: Apache-2.0
set -euo pipefail

apt_packages=(qemu-system-x86 linux-image-amd64 busybox-static alsa-utils
              fluidsynth fluid-soundfont-gm sox)
check_only=0
[ "${1:-}" = "--check" ] && check_only=1

missing_apt=()
for p in "${apt_packages[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    if [ "$status" != "install ok installed" ]; then
        missing_apt+=("$p")
    fi
done

py_ok() { command -v python3 >/dev/null 2>&1 && python3 -c 'import mido' 2>/dev/null; }
vng_ok() { command -v vng >/dev/null 2>&1; }
need_pip=0
{ py_ok && vng_ok; } || need_pip=1

if [ ${#missing_apt[@]} -eq 0 ] && [ $need_pip -eq 0 ]; then
    exit 0
fi
if [ $check_only -eq 1 ]; then
    [ ${#missing_apt[@]} -eq 0 ] || echo "setup.sh: missing Debian packages: ${missing_apt[*]}" >&2
    [ $need_pip -eq 0 ] || echo "setup.sh: missing Python packages (virtme-ng and/or mido)" >&2
    exit 1
fi
if [ "$(id -u)" -ne 0 ]; then
    what="${missing_apt[*]}"
    [ $need_pip -eq 0 ] || what="$what virtme-ng mido (pip)"
    echo "setup.sh: must run as root to install: $what" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_updated=0
apt_install() {
    if [ $apt_updated -eq 0 ]; then
        echo "setup.sh: apt-get update" >&2
        apt-get update -qq
        apt_updated=1
    fi
    echo "setup.sh: apt-get install $*" >&2
    apt-get install -y -qq "$@" >/dev/null
}

if [ ${#missing_apt[@]} -gt 0 ]; then
    apt_install "${missing_apt[@]}"
fi

if [ $need_pip -eq 1 ]; then
    if ! command -v python3 >/dev/null 2>&1; then
        apt_install python3
    fi
    if ! python3 -m pip --version >/dev/null 2>&1; then
        apt_install python3-pip
    fi
    pip_flags=(-q --disable-pip-version-check --root-user-action=ignore)
    # Debian's own Python refuses pip installs (PEP 668) unless told otherwise.
    if python3 -c 'import os, sys, sysconfig; sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_path("stdlib"), "EXTERNALLY-MANAGED")) else 1)'; then
        pip_flags+=(--break-system-packages)
    fi
    echo "setup.sh: pip install virtme-ng mido ($(command -v python3))" >&2
    python3 -m pip install "${pip_flags[@]}" virtme-ng mido
    # A pyenv Python only gets the new `vng` shim after a rehash.
    if command -v pyenv >/dev/null 2>&1; then
        pyenv rehash || true
    fi
    hash -r
fi

# Verify.
fail=0
ls /boot/vmlinuz-* >/dev/null 2>&1 || { echo "setup.sh: no /boot/vmlinuz-* after install" >&2; fail=1; }
vng_ok || { echo "setup.sh: vng not on PATH after install" >&2; fail=1; }
py_ok || { echo "setup.sh: python3 cannot import mido after install" >&2; fail=1; }
[ -e /usr/share/sounds/sf2/FluidR3_GM.sf2 ] || [ -e /usr/share/sounds/sf2/default-GM.sf2 ] \
    || { echo "setup.sh: no GM soundfont in /usr/share/sounds/sf2" >&2; fail=1; }
[ $fail -eq 0 ] && echo "setup.sh: VM test dependencies installed" >&2
exit $fail
