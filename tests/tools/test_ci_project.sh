#!/usr/bin/env bash
# test_ci_project.sh BUILD_DIR MODE - the CI workflow of README "Use crace in
# CI" on samples/ci-project, end to end.
#
#   MODE cmake    crace-cc and crace-c++ as CMAKE_C_COMPILER and
#                 CMAKE_CXX_COMPILER, crace-test -- ctest -j2, with the
#                 tools of the build tree (BUILD_DIR/bin)
#   MODE install  the same with `cmake --install BUILD_DIR --prefix P`: P/bin;
#                 also checks everything the prefix holds (wrappers, tools,
#                 runtime, crace.h, crace.pc, CMake package)
#   MODE package  from the installed prefix, the project's own compilers and
#                 find_package(crace) with crace::crace (-DMINILIB_CRACE=ON)
#   MODE make     the plain Makefile: crace-test -- make CC=crace-cc
#                 CXX=crace-c++ check
#
# Every mode builds the C++ test (test_queue_cxx), which must stay silent.
# Checks the aggregated report (one unique race, stats.c:33 against itself,
# seen in the two processes of the two racy tests), the exit status (66; the
# suite's own without races), and, for cmake/install, the SARIF, JUnit and
# GitHub annotations (tests/tools/check_formats.py) and crace-report reading
# the kept logs.
set -u
build=$(cd "${1:?usage: test_ci_project.sh BUILD_DIR cmake|install|make}" && pwd)
mode=${2:?usage: test_ci_project.sh BUILD_DIR cmake|install|make}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src=$(cd "$here/../.." && pwd)
sample=$src/samples/ci-project
check_formats=$here/check_formats.py
work=$build/tests/work/tools/ci-project-$mode
rm -rf "$work" && mkdir -p "$work"
export CRACE_CC=${CRACE_TEST_CC:-gcc}

failures=0
pass() { echo "ok   $*"; }
fail() {
    echo "FAIL $*"
    failures=$((failures + 1))
}
check() { # description command...
    local what=$1
    shift
    if "$@"; then pass "$what"; else fail "$what"; fi
}
has() { grep -qF -- "$2" "$1"; }
count() { grep -cF -- "$2" "$1"; }

case $mode in
install | package)
    prefix=$work/prefix
    cmake --install "$build" --prefix "$prefix" >"$work/install.log" 2>&1 ||
        { cat "$work/install.log"; exit 1; }
    bin=$prefix/bin
    check "installed: bin/crace-cc, bin/crace-c++, bin/crace-test, bin/crace-report" \
        test -x "$bin/crace-cc" -a -x "$bin/crace-c++" -a -x "$bin/crace-test" -a -x "$bin/crace-report"
    check "installed: the tools' library" test -f "$prefix/share/crace/python/crace_tools/render.py"
    check "installed: runtime, export list, crace.h" \
        test -f "$prefix/lib/libcrace.a" -a -f "$prefix/lib/libcrace.dynlist" \
        -a -f "$prefix/include/crace.h"
    check "installed: crace.pc, CMake package" \
        test -f "$prefix/lib/pkgconfig/crace.pc" -a -f "$prefix/lib/cmake/crace/crace-config.cmake"
    check "installed: crace-cc --version names crace and the compiler" \
        sh -c "'$bin/crace-cc' --version | grep -q '^crace-cc (crace) [0-9]'"
    check "installed: crace-c++ --version" \
        sh -c "CRACE_CXX=g++ '$bin/crace-c++' --version | grep -q '^crace-c++ (crace) [0-9].*g++'"
    check "installed: crace.pc gives the flags" \
        sh -c "PKG_CONFIG_PATH='$prefix/lib/pkgconfig' pkg-config --cflags --libs crace | grep -q 'fsanitize=thread.*libcrace.a'"
    ;;
cmake | make) bin=$build/bin ;;
*) echo "unknown mode $mode" >&2; exit 2 ;;
esac
for tool in crace-cc crace-c++ crace-test crace-report; do
    [ -x "$bin/$tool" ] || { echo "no $bin/$tool: build crace first" >&2; exit 1; }
done

# The report every mode must print: the race in stats.c, once.
check_report() { # output-file label...
    local out=$1
    check "one unique race reported" test "$(count "$out" 'WARNING: DATA RACE')" = 1
    check "the report is the runtime's layout" python3 -c '
import re, sys
text = open(sys.argv[1]).read()
want = r"""Write at 0x[0-9a-f]+ by thread T[0-9]+:
  stats_record\(\)
      src/stats.c:33 \+0x[0-9a-f]+
  recorder\(\)
      tests/test_stats.c:14 \+0x[0-9a-f]+

Previous write at 0x[0-9a-f]+ by thread T[0-9]+:
  stats_record\(\)
      src/stats.c:33 \+0x[0-9a-f]+
"""
sys.exit(0 if re.search(want, text) else 1)
' "$out"
    check "the location is the stats block" has "$out" "Location is heap block of size"
    check "seen in both racy tests' processes: $2, $3" \
        has "$out" "Seen in 2 process(es) of 2 test(s): $2, $3"
    check "one total line" test "$(grep -c 'unique data race(s) in 2 process(es) of 2 test(s)$' "$out")" = 1
}

cd "$sample" # the repository root in CI: paths are shown relative to it

if [ "$mode" = make ]; then
    cp -r "$sample" "$work/src" && cd "$work/src" && make -s clean >/dev/null
    # Build and test under crace-test (compilers are not instrumented).
    "$bin/crace-test" --logs "$work/logs" -- make -s CC="$bin/crace-cc" CXX="$bin/crace-c++" check \
        >"$work/out" 2>"$work/err"
    st=$?
    check "make: exit status 66 with a race (got $st)" test $st = 66
    # Without ctest, a test is its command line.
    check_report "$work/out" "./test_stats" "$work/src/test_stats 4"
    check "make: no warnings" test -z "$(grep 'crace-test: warning' "$work/err")"
    "$bin/crace-test" -- make -s CC="$bin/crace-cc" CXX="$bin/crace-c++" \
        TESTS="test_counter test_queue test_queue_cxx" WRAPPED= check >"$work/out2" 2>&1
    st=$?
    check "make: race-free targets exit 0 (got $st)" test $st = 0
    check "make: the C++ test was built with crace-c++ (instrumented)" \
        sh -c "nm test_queue_cxx | grep -q __tsan_func_entry"
    check "make: 'no data race found'" has "$work/out2" "crace-test: no data race found"
    [ $failures = 0 ] && echo "all checks passed" || echo "$failures check(s) failed"
    exit $((failures > 0))
fi

if [ "$mode" = package ]; then
    # The project's own compilers; crace::crace instruments its targets.
    config=(-DMINILIB_CRACE=ON -DCMAKE_PREFIX_PATH="$prefix")
    [ "$CRACE_CC" = clang ] && config+=(-DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++)
else
    export CRACE_CXX=${CRACE_TEST_CXX:-g++}
    config=(-DCMAKE_C_COMPILER="$bin/crace-cc" -DCMAKE_CXX_COMPILER="$bin/crace-c++")
fi
cmake -S "$sample" -B "$work/build" "${config[@]}" >"$work/cmake.log" 2>&1 &&
    cmake --build "$work/build" -j2 >>"$work/cmake.log" 2>&1 ||
    { cat "$work/cmake.log"; exit 1; }
check "$mode: the C++ test is instrumented and links crace's runtime, not libtsan" \
    sh -c "nm '$work/build/test_queue_cxx' | grep -q ' T __tsan_func_entry' &&
           ! ldd '$work/build/test_queue_cxx' | grep -q libtsan"

"$bin/crace-test" --logs "$work/logs" --sarif "$work/race.sarif" --junit "$work/race.xml" \
    --github -- ctest --test-dir "$work/build" -j2 >"$work/out" 2>"$work/err"
st=$?
check "ctest: exit status 66 with a race (got $st)" test $st = 66
check_report "$work/out" stats stats_wrapped
check "ctest ran all five tests" has "$work/out" "2 tests failed out of 5"
check "no warnings" test -z "$(grep 'warning' "$work/err")"
check "SARIF valid, one result" python3 "$check_formats" sarif "$work/race.sarif" 1
check "SARIF location src/stats.c:33" python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))["runs"][0]["results"][0]
loc = r["locations"][0]["physicalLocation"]
assert loc["artifactLocation"] == {"uri": "src/stats.c", "uriBaseId": "SRCROOT"}, loc
assert loc["region"]["startLine"] == 33
flows = r["codeFlows"][0]["threadFlows"]
assert len(flows) == 2 and flows[0]["locations"][-1]["location"]["message"]["text"] == "stats_record()"
assert r["properties"]["tests"] == ["stats", "stats_wrapped"]
' "$work/race.sarif"
check "JUnit valid, one failing case" python3 "$check_formats" junit "$work/race.xml" 1
check "GitHub annotations valid, one line" python3 "$check_formats" github "$work/out" 1
check "annotation at src/stats.c:33" has "$work/out" "::error file=src/stats.c,line=33,title=DATA RACE::"

# crace-report on the kept logs says the same (test names from the saved list).
"$bin/crace-report" "$work/logs" >"$work/report" 2>"$work/report.err"
st=$?
check "crace-report: exit 66 (got $st)" test $st = 66
check_report "$work/report" stats stats_wrapped
check "crace-report: the same report as crace-test" \
    diff <(grep -v '^::' "$work/out" | sed -n '/^==================$/,$p' | sed 's/^crace-test:/X:/') \
    <(sed 's/^crace-report:/X:/' "$work/report")

# Race-free tests: the suite's own status, nothing reported.
"$bin/crace-test" -- ctest --test-dir "$work/build" -E stats >"$work/clean" 2>&1
st=$?
check "race-free: exit 0 (got $st)" test $st = 0
check "race-free: 'no data race found'" has "$work/clean" "crace-test: no data race found"
check "race-free: the C++ test ran and passed" has "$work/clean" "queue_cxx ...."
"$bin/crace-test" --junit "$work/clean.xml" --sarif "$work/clean.sarif" -- \
    ctest --test-dir "$work/build" -R counter >/dev/null 2>&1
check "race-free: JUnit holds one passing case" python3 "$check_formats" junit "$work/clean.xml" 0
check "race-free: SARIF with no result" python3 "$check_formats" sarif "$work/clean.sarif" 0

[ $failures = 0 ] && echo "all checks passed" || echo "$failures check(s) failed"
exit $((failures > 0))
