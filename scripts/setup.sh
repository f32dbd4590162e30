#!/usr/bin/env bash
# setup.sh - install what crace needs (Debian packages, only the missing
# ones) and build it into ./build. Safe to run again: it only does what is
# left to do.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CRACE_BUILD_DIR:-$root/build}
# libclang-rt-14-dev: clang's TSan runtime, for the benchmark's clang TSan column
# (tests/bench/run.sh); gcc's comes with gcc. golang-go: `go tool pprof`, which
# the profile tests use to read the profiles crace writes.
packages=(gcc g++ clang libclang-rt-14-dev cmake make libelf-dev libdw-dev uthash-dev libcmocka-dev python3 golang-go pkg-config meson autoconf automake)

missing=()
for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    echo "setup: installing ${missing[*]}"
    sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" >/dev/null
echo "setup: built $build/bin/crace-cc"
