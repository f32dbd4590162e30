#!/usr/bin/env bash
# sample.sh - set everything up, then build and run samples/counter.c
# (two threads doing counter++) with crace. Prints the race report and
# exits with the sample's status: 66, because a race was found.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CRACE_BUILD_DIR:-$root/build}
bash "$root/scripts/setup.sh" || exit 1
cd "$root"
"$build/bin/crace-cc" -g -O1 samples/counter.c -o "$build/counter" || exit 1
echo "\$ ./counter"
"$build/counter"
status=$?
echo "(exit status $status)"
exit $status
