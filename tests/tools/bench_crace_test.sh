#!/usr/bin/env bash
# bench_crace_test.sh BUILD_DIR [REPS] - what crace-test adds to a suite.
#
# Builds a CMake project of 100 ctest tests, each one run of a tiny
# crace-built program (two threads; race-free, or racy with RACY=1), and
# times `ctest -j2` alone and under `crace-test --` alternately, REPS times
# each (default 7). Prints the medians and the difference. With SUITE=sh the
# suite is a shell loop running the program 100 times instead of ctest (no
# ctest test-list query by crace-test). Not a ctest test: the numbers depend
# on the machine's load; run it by hand.
set -eu
build=$(cd "${1:?usage: bench_crace_test.sh BUILD_DIR [REPS]}" && pwd)
reps=${2:-7}
racy=${RACY:-0}
suite=${SUITE:-ctest}
work=$(mktemp -d "${TMPDIR:-/tmp}/bench-crace-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

cat >"$work/tiny.c" <<'EOF'
#include <pthread.h>
long shared;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static void *work(void *arg)
{
    if (!arg)
        pthread_mutex_lock(&m);
    shared++;
    if (!arg)
        pthread_mutex_unlock(&m);
    return 0;
}
int main(int argc, char **argv)
{
    (void)argv;
    pthread_t a, b;
    void *racy = argc > 1 ? (void *)1 : 0;
    pthread_create(&a, 0, work, racy);
    pthread_create(&b, 0, work, racy);
    pthread_join(a, 0);
    pthread_join(b, 0);
    return 0;
}
EOF
{
    echo 'cmake_minimum_required(VERSION 3.18)'
    echo 'project(bench C)'
    echo 'enable_testing()'
    echo 'set(CMAKE_BUILD_TYPE RelWithDebInfo)'
    echo 'add_executable(tiny tiny.c)'
    echo 'target_link_libraries(tiny pthread)'
    for i in $(seq 1 100); do
        if [ "$racy" = 1 ]; then
            echo "add_test(NAME t$i COMMAND tiny racy)"
        else
            echo "add_test(NAME t$i COMMAND tiny)"
        fi
    done
} >"$work/CMakeLists.txt"
CRACE_CC=gcc cmake -S "$work" -B "$work/b" -DCMAKE_C_COMPILER="$build/bin/crace-cc" >/dev/null
cmake --build "$work/b" >/dev/null

now() { date +%s.%N; }
if [ "$suite" = sh ]; then
    arg=
    if [ "$racy" = 1 ]; then arg=racy; fi
    cmd=(sh -c "for i in \$(seq 1 100); do '$work/b/tiny' $arg || :; done")
    label="sh loop"
else
    cmd=(ctest --test-dir "$work/b" -j2)
    label="ctest -j2"
fi
plain=() wrapped=()
for _ in $(seq 1 "$reps"); do
    t0=$(now)
    "${cmd[@]}" >/dev/null 2>&1 || true
    t1=$(now)
    "$build/bin/crace-test" -- "${cmd[@]}" >/dev/null 2>&1 || true
    t2=$(now)
    plain+=("$(echo "$t1 - $t0" | bc)")
    wrapped+=("$(echo "$t2 - $t1" | bc)")
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
mp=$(median "${plain[@]}")
mw=$(median "${wrapped[@]}")
echo "100 tests ($([ "$racy" = 1 ] && echo racy || echo race-free)), $reps runs each, medians:"
printf '  %-26s%ss   (runs: %s)\n' "$label" "$mp" "${plain[*]}"
printf '  %-26s%ss   (runs: %s)\n' "crace-test -- $label" "$mw" "${wrapped[*]}"
echo "  added by crace-test       $(echo "$mw - $mp" | bc)s"
