#!/usr/bin/env bash
# run_sample.sh - build one of samples/*.c with crace-cc the way a new user
# would and check crace's verdict on it.
#
# Usage: run_sample.sh BUILD_DIR COMPILER SAMPLE.c race FUNCTION LINE-TEXT
#        run_sample.sh BUILD_DIR COMPILER SAMPLE.c none
#   race  crace must print exactly one well-formed report (parse_reports.awk:
#         framing, both accesses, creation stacks at the sample's
#         pthread_create lines) and exit 66, with "Found 1 data race(s)" last;
#         both accesses' innermost frames must be FUNCTION() at the one line of
#         the sample that contains LINE-TEXT, located by the sample's path
#         relative to the source tree (samples/x.c). For samples/counter.c the
#         location must be the global 'counter' at its declaration's line.
#   none  crace must stay silent (empty stderr) and the program must exit 0.
#
# The program runs from the top of the source tree, so crace prints the
# sample's source path relative to it. The sample is compiled by its
# absolute path, so this also checks that crace makes paths relative.

set -u

usage() {
    echo "usage: $0 BUILD_DIR COMPILER SAMPLE.c race FUNCTION LINE-TEXT | none" >&2
    exit 2
}
[ $# -ge 4 ] || usage
build_dir=$(cd "$1" && pwd)
compiler=$2
sample=$3
expect=$4
case $expect in
race) [ $# -eq 6 ] || usage ;;
none) [ $# -eq 4 ] || usage ;;
*) usage ;;
esac
func=${5:-}
line_text=${6:-}

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src_root=$(cd "$here/../.." && pwd -P)
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

# The one line of the sample that contains TEXT, or a usage error.
line_of() { # text
    local hits
    hits=$(grep -nF -- "$1" "$sample_abs" | cut -d: -f1)
    [ "$(echo "$hits" | grep -c .)" -eq 1 ] ||
        { echo "run_sample: '$1' must be on exactly one line of $rel (lines: $(echo ${hits:-none}))" >&2; exit 2; }
    echo "$hits"
}

case $expect in
race)
    [ $status -eq 66 ] || problem "exit status $status, expected 66"
    racy_line=$(line_of "$line_text") || exit 2
    create_lines=" $(grep -n 'pthread_create' "$sample_abs" | cut -d: -f1 | tr '\n' ' ')"
    records=$work/reports.tsv
    awk -v casefile="$(basename "$sample_abs")" -v create_lines="$create_lines" \
        -f "$here/parse_reports.awk" "$err" >"$records"
    while IFS=$'\t' read -r tag msg; do
        [ "$tag" = ERR ] && problem "format: $msg"
    done <"$records"
    nrep=$(grep -c '^REPORT' "$records")
    [ "$nrep" -eq 1 ] || problem "expected exactly 1 report, got $nrep"
    [ "$(grep -c 'WARNING: DATA RACE' "$err")" -eq "$nrep" ] || problem "'WARNING: DATA RACE' lines outside well-framed reports"
    [ "$(grep -v '^$' "$err" | tail -n 1)" = "Found 1 data race(s)" ] ||
        problem "the last line of stderr is not 'Found 1 data race(s)'"
    # Innermost frame of each access: function, path as printed, line.
    for sec in cur prev; do
        got=$(awk -F'\t' -v s="$sec" '$1 == "FRAME" && $2 == 1 && $3 == s && $4 == 0 { print $5 " " $6 ":" $7 }' "$records")
        [ "$got" = "$func $rel:$racy_line" ] ||
            problem "$sec access: innermost frame '${got:-none}', expected '$func $rel:$racy_line' (the line with '$line_text')"
    done
    if [ "$name" = counter ]; then
        decl=$(line_of "int counter;") || exit 2
        grep -qE "^Location is global 'counter' of size 4 at 0x[0-9a-f]+ \(samples/counter.c:$decl\)$" "$err" ||
            problem "no \"Location is global 'counter' of size 4 ... (samples/counter.c:$decl)\" line"
    fi
    ;;
none)
    [ $status -eq 0 ] || problem "exit status $status, expected 0"
    [ -s "$err" ] && problem "expected no output from crace on stderr"
    ;;
esac
finish
