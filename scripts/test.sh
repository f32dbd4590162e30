#!/usr/bin/env bash
# test.sh - set everything up, then run every test (unit, integration,
# race corpus) with ctest. Extra arguments go to ctest (e.g. -R races/);
# finding no test at all is a failure, not a pass.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build=${CRACE_BUILD_DIR:-$root/build}
bash "$root/scripts/setup.sh" || exit 1
ctest --test-dir "$build" -j"$(nproc)" --output-on-failure --no-tests=error "$@"
