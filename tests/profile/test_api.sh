#!/usr/bin/env bash
# test_api.sh BUILD_DIR COMPILER - crace.h's crace_thread_id, the
# crace_thread_name() getter and setters, crace_set_label/clear_labels:
#   - with crace-cc: ids are the report's (0 main, 1.. in creation order),
#     names read back, labels set and removed, too many refused (-1, one
#     line on stderr);
#   - with the plain compiler (no crace, no #ifdef), in C99, C11 and C17
#     with -Wall -Wextra -pedantic -Werror, and as C++: it builds, runs, main
#     is 0, threads distinct and stable across files, names empty;
#   - an object calling the old crace_thread_name symbol directly still
#     names its thread in reports;
#   - labels appear in the race report's thread blocks, text and JSON.
set -u
label="crace.h thread identity and labels"
source "$(dirname "$0")/lib.sh"

cc_crace api "$here/api.c" "$here/api_other.c"
(cd "$work" && ./api >"$work/api.out" 2>"$work/api.err")
rc=$?
[ $rc -eq 0 ] || problem "crace: exit $rc"
want="main id 0 other 0 name ''
workers distinct 1
worker 0 name 'w0' labels 0
worker 1 name 'w1' labels 0
worker 2 name 'w2' labels 0
twenty labels -1, empty key -1"
[ "$(cat "$work/api.out")" = "$want" ] || problem "crace: printed $(cat "$work/api.out")"
grep -q "ids" "$work/api.out" && problem "crace: ids"
[ "$(grep -c "crace_set_label: label 'k16' not set on thread T0" "$work/api.err")" -eq 1 ] &&
    [ "$(wc -l <"$work/api.err")" -eq 1 ] || problem "crace: too-many message: $(cat "$work/api.err")"
# Worker ids are 1, 2, 3 (T numbers in creation order).
grep -q "unstable" "$work/api.out" && problem "crace: unstable ids"

want_plain="main id 0 other 0 name ''
workers distinct 1
worker 0 name '' labels 0
worker 1 name '' labels 0
worker 2 name '' labels 0
twenty labels 0, empty key 0"
for std in c99 c11 c17; do
    $compiler -std=$std -Wall -Wextra -pedantic -Werror -I"$src_root/include" -pthread \
        "$here/api.c" "$here/api_other.c" -o "$work/plain_$std" 2>"$work/plain_$std.log" ||
        { problem "plain $compiler -std=$std: $(head -5 "$work/plain_$std.log")"; continue; }
    out=$("$work/plain_$std" 2>&1)
    [ "$out" = "$want_plain" ] || problem "plain $compiler -std=$std printed: $out"
done
cxx=$([ "$compiler" = gcc ] && echo g++ || echo clang++)
if command -v "$cxx" >/dev/null; then
    $cxx -Wall -Wextra -pedantic -Werror -I"$src_root/include" -pthread -x c++ "$here/api.c" \
        -x c++ "$here/api_other.c" -o "$work/plain_cxx" 2>"$work/plain_cxx.log" ||
        problem "plain $cxx: $(head -5 "$work/plain_cxx.log")"
    [ -x "$work/plain_cxx" ] && [ "$("$work/plain_cxx" 2>&1)" = "$want_plain" ] ||
        problem "plain $cxx: wrong output"
fi

# The old setter symbol.
cc_crace api_old "$here/api_old.c"
(cd "$work" && ./api_old >/dev/null 2>"$work/old.err")
rc=$?
[ $rc -eq 66 ] && grep -q 'thread T1 "old-style"' "$work/old.err" ||
    problem "old crace_thread_name symbol: exit $rc: $(head -5 "$work/old.err")"
finish
