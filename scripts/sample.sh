#!/usr/bin/env bash
# sample.sh - set everything up, then build and run samples/counter.c
# (two threads doing counter++) with crace. The sample prints the race
# report and exits with 66, as a program with a race does under crace; this
# script then exits 0 (and 1 if crace did not find the race).
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CRACE_BUILD_DIR:-$root/build}
bash "$root/scripts/setup.sh" || exit 1
cd "$root"
"$build/bin/crace-cc" -g -O1 samples/counter.c -o "$build/counter" || exit 1
echo "\$ ./counter"
"$build/counter"
status=$?
if [ $status -eq 66 ]; then
    echo "(exit status 66: crace found the race, as expected)"
    exit 0
fi
echo "(exit status $status: expected 66, a race report)"
exit 1
