#!/usr/bin/env bash
# run_sample.sh - build one of samples/*.c with crace-cc the way a new user
# would and check crace's verdict on it.
#
# Usage: run_sample.sh BUILD_DIR COMPILER SAMPLE.c race|none [FUNCTION]
#   race  crace must report (exit status 66, a framed report, the
#         "Found N data race(s)" line) and the report must name FUNCTION()
#         and the sample's path relative to the source tree (samples/x.c).
#   none  crace must stay silent (empty stderr) and the program must exit 0.
#
# The program runs from the top of the source tree, so crace prints the
# sample's source path relative to it. The sample is compiled by its
# absolute path, so this also checks that crace makes paths relative.

set -u

[ $# -ge 4 ] || { echo "usage: $0 BUILD_DIR COMPILER SAMPLE.c race|none [FUNCTION]" >&2; exit 2; }
build_dir=$(cd "$1" && pwd)
compiler=$2
sample=$3
expect=$4
func=${5:-}

src_root=$(cd "$(dirname "$0")/../.." && pwd -P)
sample_abs=$(cd "$(dirname "$sample")" && pwd -P)/$(basename "$sample")
rel=${sample_abs#"$src_root"/}
name=$(basename "$sample" .c)
crace_cc=$build_dir/bin/crace-cc
work=$build_dir/tests/integration/work/samples-$compiler/$name
label="sample $rel ($compiler)"

problems=()
problem() { problems+=("$*"); }
finish() {
    if [ ${#problems[@]} -eq 0 ]; then
        echo "PASS: $label"
        exit 0
    fi
    echo "FAIL: $label"
    for p in "${problems[@]}"; do
        echo "  - $p"
    done
    for f in build.log stdout stderr; do
        if [ -f "$work/$f" ]; then
            echo "--- $f ---"
            if [ -s "$work/$f" ]; then cat "$work/$f"; else echo "(empty)"; fi
        fi
    done
    exit 1
}

if [ ! -x "$crace_cc" ]; then
    problem "crace-cc not found at $crace_cc (build the project first)"
    finish
fi
rm -rf "$work"
mkdir -p "$work"

if ! CRACE_CC=$compiler "$crace_cc" -g "$sample_abs" -o "$work/$name" >"$work/build.log" 2>&1; then
    problem "building $rel with crace-cc failed"
    finish
fi

(cd "$src_root" && exec timeout -k 5 60 "$work/$name" </dev/null >"$work/stdout" 2>"$work/stderr")
status=$?
err=$work/stderr

case $expect in
race)
    [ $status -eq 66 ] || problem "exit status $status, expected 66"
    grep -qx 'WARNING: DATA RACE' "$err" || problem "no 'WARNING: DATA RACE' report"
    grep -qx '==================' "$err" || problem "no '==================' framing"
    grep -qE '^(Read|Write) at 0x[0-9a-fA-F]+ by (main thread|thread T[0-9]+):$' "$err" ||
        problem "no 'Read|Write at 0x... by ...:' line"
    grep -qE '^Previous (read|write) at 0x[0-9a-fA-F]+ by (main thread|thread T[0-9]+):$' "$err" ||
        problem "no 'Previous read|write at 0x... by ...:' line"
    if [ "$name" = counter ]; then
        grep -qE "^Location is global 'counter' of size 4 at 0x[0-9a-f]+ \(samples/counter.c:[0-9]+\)$" "$err" ||
            problem "no \"Location is global 'counter' of size 4 ... (samples/counter.c:N)\" line"
    fi
    if [ -n "$func" ]; then
        grep -qFx "  $func()" "$err" || problem "report does not name '$func()'"
    fi
    grep -qE "^      $rel:[0-9]+ \+0x[0-9a-fA-F]+$" "$err" ||
        problem "no frame located in '$rel' (path relative to the source tree)"
    grep -qE '^Found [0-9]+ data race\(s\)$' "$err" || problem "no 'Found N data race(s)' line"
    ;;
none)
    [ $status -eq 0 ] || problem "exit status $status, expected 0"
    [ -s "$err" ] && problem "expected no output from crace on stderr"
    ;;
*)
    echo "run_sample: expectation must be race or none" >&2
    exit 2
    ;;
esac
finish
