#!/bin/sh
# wrapped.sh PROGRAM ARGS...: run a test program the way many suites do,
# through a script (here it only sets up a scratch directory). crace-test
# still names the program's reports after the ctest test that ran this.
scratch=$(mktemp -d) || exit 1
trap 'rm -rf "$scratch"' EXIT
cd "$scratch" || exit 1
"$@"
