#!/usr/bin/env bash
# test_runtime_input.sh BUILD_DIR - the runtime's handling of options and of
# binaries without debug information, and the installed wrapper.
#
# Checks: unknown CRACE_OPTIONS key and bad values stop the program before
# main with one clear line and status 2; log_path, exitcode and
# halt_on_error; a program built without -g (and a stripped one) still gets
# reports, with module+offset frames, and no crash; `cmake --install` gives
# a wrapper that uses the installed runtime.
set -u
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0

check() { # name, condition-exit-status
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else
        fail=$((fail + 1))
        echo "FAIL: $1"
        [ -f "$work/err" ] && sed 's/^/  | /' "$work/err" | head -20
    fi
}

run() { # prog [env...]: runs with env, stdout -> out, stderr -> err, status -> $status
    local prog=$1
    shift
    env "$@" "$prog" >"$work/out" 2>"$work/err"
    status=$?
}

# A race found on every run: the two stores are ordered through a helper
# built without instrumentation (see tests/common/uninstr_sync.h).
cases=$root/tests/integration/cases
common=$root/tests/common
cc=${CRACE_TEST_CC:-gcc}
wrapper=$build/bin/crace-cc
build_race() { # compiler, output, extra flags...
    local c=$1 out=$2
    shift 2
    $c -O2 -fPIC -c "$common/uninstr_sync.c" -o "$work/uninstr_sync.$c.o" &&
        CRACE_CC=$c "$wrapper" "$@" -I"$common" "$cases/write_write.c" \
            "$work/uninstr_sync.$c.o" -o "$out"
}
build_race "$cc" "$work/counter" -g -O1 || { echo "FAIL: cannot build the race program"; exit 1; }

run "$work/counter" CRACE_OPTIONS="bogus=1"
check "unknown option exits 2" $([ $status -eq 2 ]; echo $?)
check "unknown option: one line naming the key" \
    $([ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "unknown option 'bogus'" "$work/err"; echo $?)
check "unknown option: main did not run" $([ ! -s "$work/out" ]; echo $?)

for bad in exitcode=abc history_size=8 halt_on_error=2 atexit_sleep_ms=-1 log_path; do
    run "$work/counter" CRACE_OPTIONS="$bad"
    check "bad value '$bad' exits 2 with a message" \
        $([ $status -eq 2 ] && grep -q "^crace: .*'${bad%%=*}'" "$work/err"; echo $?)
done

run "$work/counter" CRACE_OPTIONS="exitcode=3 log_path=$work/log"
check "exitcode=3" $([ $status -eq 3 ]; echo $?)
check "log_path: nothing on stderr" $([ ! -s "$work/err" ]; echo $?)
log=$(ls "$work"/log.* 2>/dev/null | head -1)
check "log_path: PATH.PID holds the report" \
    $([ -n "$log" ] && grep -q "WARNING: DATA RACE" "$log" && grep -q "Found 1 data race(s)" "$log"; echo $?)

run "$work/counter" CRACE_OPTIONS="halt_on_error=1"
check "halt_on_error: exits 66 after one report" \
    $([ $status -eq 66 ] && [ "$(grep -c 'WARNING: DATA RACE' "$work/err")" -eq 1 ] &&
        grep -q "Found 1 data race(s)" "$work/err" && [ ! -s "$work/out" ]; echo $?)

# Both compilers must be there and every build must succeed: a check that
# cannot run is a failed check, never a skipped one.
have() { # compiler: 0 when installed, else a failed check
    command -v "$1" >/dev/null && return 0
    check "$1 is installed (needed by these checks)" 1
    return 1
}

for c in gcc clang; do
    have $c || continue
    build_race $c "$work/nog" -O1 || { check "$c: build the race program without -g" 1; continue; }
    run "$work/nog"
    check "$c without -g: report with address frames, exit 66" \
        $([ $status -eq 66 ] && grep -q "WARNING: DATA RACE" "$work/err" &&
            grep -Eq '^      nog\+0x[0-9a-f]+ ' "$work/err"; echo $?)
    strip "$work/nog" -o "$work/nog_stripped" || { check "$c: strip the race program" 1; continue; }
    run "$work/nog_stripped"
    check "$c stripped: report still printed, exit 66" \
        $([ $status -eq 66 ] && grep -q "WARNING: DATA RACE" "$work/err" &&
            grep -Eq '^      nog_stripped\+0x[0-9a-f]+$' "$work/err" &&
            grep -q "Found 1 data race(s)" "$work/err"; echo $?)
done

# color: escape codes with always, none with never or (auto) into a file.
esc=$(printf '\033')
run "$work/counter" CRACE_OPTIONS="color=always"
check "color=always colors the warning" \
    $([ $status -eq 66 ] && grep -q "${esc}\[1;31mWARNING: DATA RACE${esc}\[0m" "$work/err"; echo $?)
run "$work/counter" CRACE_OPTIONS="color=never"
check "color=never: no escape codes" $([ $status -eq 66 ] && ! grep -q "$esc" "$work/err"; echo $?)
run "$work/counter"
check "color=auto into a file: no escape codes" $([ $status -eq 66 ] && ! grep -q "$esc" "$work/err"; echo $?)
run "$work/counter" CRACE_OPTIONS="color=blue"
check "color=blue exits 2" $([ $status -eq 2 ] && grep -q "'color'" "$work/err"; echo $?)

# history_size: a previous access pushed out of a small history is said so,
# the rest of the report still printed; a larger history keeps its stack.
CRACE_CC=$cc "$wrapper" -g -O1 -I"$common" "$root/tests/integration/input/overwritten.c" \
    "$work/uninstr_sync.$cc.o" -o "$work/overwritten" || { echo "FAIL: cannot build overwritten"; exit 1; }
run "$work/overwritten" CRACE_OPTIONS="history_size=0"
check "history_size=0: 'stack unavailable: history overwritten; raise history_size'" \
    $([ $status -eq 66 ] &&
        grep -qx "  \[stack unavailable: history overwritten; raise history_size\]" "$work/err" &&
        grep -q "^Thread T1 (finished) created at:" "$work/err"; echo $?)
run "$work/overwritten" CRACE_OPTIONS="history_size=7"
check "history_size=7: the previous stack is restored" \
    $([ $status -eq 66 ] && ! grep -q "stack unavailable" "$work/err" &&
        grep -A1 "^Previous write" "$work/err" | grep -qx "  first()"; echo $?)

# atexit_sleep_ms: at exit crace waits for threads still running, so their
# races are caught; with 0 it does not wait.
CRACE_CC=$cc "$wrapper" -g -O1 "$root/tests/integration/input/late_race.c" -o "$work/late_race" ||
    { echo "FAIL: cannot build late_race"; exit 1; }
run "$work/late_race"
check "default atexit_sleep_ms catches a race after main returned" \
    $([ $status -eq 66 ] && grep -q "WARNING: DATA RACE" "$work/err"; echo $?)
run "$work/late_race" CRACE_OPTIONS="atexit_sleep_ms=0"
check "atexit_sleep_ms=0 exits at once" $([ $status -eq 0 ] && [ ! -s "$work/err" ]; echo $?)

# strip_path_prefix and verbosity
run "$work/counter" CRACE_OPTIONS="strip_path_prefix=$root/tests/"
check "strip_path_prefix trims file paths" \
    $([ $status -eq 66 ] && grep -Eq "^      integration/cases/write_write.c:[0-9]+ \+0x" "$work/err"; echo $?)
run "$work/counter" CRACE_OPTIONS="verbosity=1"
check "verbosity=1 says the runtime started" \
    $(grep -q "^crace: runtime initialized" "$work/err"; echo $?)

# report_format=json: JSON Lines, validated with a JSON parser.
# The race's lines, kinds and count are write_write.c's directives (REPORTS,
# RACE-LINES, RACE-ACCESS), the ones run_case.sh checks in the text report.
for c in gcc clang; do
    have $c || continue
    build_race $c "$work/json_$c" -g -O1 || { check "$c: build the JSON race program" 1; continue; }
    run "$work/json_$c" CRACE_OPTIONS="report_format=json"
    check "$c report_format=json: exit 66, valid JSON Lines, the race of write_write.c's directives" \
        $([ $status -eq 66 ] && python3 "$root/tests/integration/check_json.py" "$work/err" \
            --case "$cases/write_write.c" >"$work/json.out" 2>&1; echo $?)
    grep -v "valid" "$work/json.out"
done
# Mutexes held by each access and where each mutex came from, text and JSON,
# under both compilers at -O0 and -O2 (check_mutexes.py knows the program).
for c in gcc clang; do
    have $c || continue
    for o in -O0 -O2; do
        prog=$work/mutexes_$c$o
        CRACE_CC=$c "$wrapper" -g $o -I"$common" "$root/tests/integration/input/mutexes_held.c" \
            "$work/uninstr_sync.$c.o" -o "$prog" || { check "$c $o: build mutexes_held" 1; continue; }
        run "$prog"
        cp "$work/err" "$work/mutexes.txt"
        run "$prog" CRACE_OPTIONS="report_format=json"
        check "$c $o: Mutexes held and mutex origins (text and JSON)" \
            $(python3 "$root/tests/integration/check_mutexes.py" \
                "$root/tests/integration/input/mutexes_held.c" "$work/mutexes.txt" "$work/err" \
                >"$work/mutexes.out" 2>&1; echo $?)
        [ -s "$work/mutexes.out" ] && grep -v "agree" "$work/mutexes.out" | head -40
        check "$c $o: mutexes_held JSON valid" \
            $(python3 "$root/tests/integration/check_json.py" "$work/err" 1 >/dev/null; echo $?)
    done
done

run "$work/counter" CRACE_OPTIONS="report_format=xml"
check "report_format=xml exits 2" $([ $status -eq 2 ] && grep -q "'report_format'" "$work/err"; echo $?)

# Suppressions: race:PATTERN on a function or a file, a summary line
# instead of the report, errors for a missing or malformed file.
printf '# known race\nrace:second\n' >"$work/supp_func"
run "$work/counter" CRACE_OPTIONS="suppressions=$work/supp_func"
check "race:FUNCTION suppresses: exit 0, no report, a summary line" \
    $([ $status -eq 0 ] && ! grep -q "WARNING: DATA RACE" "$work/err" &&
        grep -qx "Suppressed 1 data race(s) (suppressions file $work/supp_func)" "$work/err"; echo $?)
printf 'race:write_wr*.c\n' >"$work/supp_file"
run "$work/counter" CRACE_OPTIONS="suppressions=$work/supp_file"
check "race:FILE pattern with * suppresses" \
    $([ $status -eq 0 ] && grep -q "^Suppressed 1 data race(s)" "$work/err"; echo $?)
printf 'race:^main$\n' >"$work/supp_other"
run "$work/counter" CRACE_OPTIONS="suppressions=$work/supp_other"
check "a pattern matching no frame of the stacks keeps the report" \
    $([ $status -eq 66 ] && grep -q "WARNING: DATA RACE" "$work/err" &&
        ! grep -q "^Suppressed" "$work/err"; echo $?)
run "$work/counter" CRACE_OPTIONS="suppressions=$work/missing"
check "missing suppressions file: exit 2, one line" \
    $([ $status -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] &&
        grep -q "cannot read suppressions file" "$work/err"; echo $?)
printf 'race:ok\nrcae:typo\n' >"$work/supp_bad"
run "$work/counter" CRACE_OPTIONS="suppressions=$work/supp_bad"
check "malformed suppressions file: exit 2 naming the line" \
    $([ $status -eq 2 ] && grep -q "supp_bad:2: unknown suppression type 'rcae'" "$work/err"; echo $?)

# called_from_lib: memcpy called by an uninstrumented library is not checked.
input=$root/tests/integration/input
$cc -O1 -fPIC -shared "$input/libcopy.c" -o "$work/libcopy.so" &&
    CRACE_CC=$cc "$wrapper" -g -O1 -I"$common" "$input/copy_race.c" "$work/uninstr_sync.$cc.o" \
        -L"$work" -lcopy -Wl,-rpath,"$work" -o "$work/copy_race" ||
    { echo "FAIL: cannot build copy_race"; exit 1; }
run "$work/copy_race"
check "memcpy from a library: reported without suppression" \
    $([ $status -eq 66 ] && grep -q "WARNING: DATA RACE" "$work/err"; echo $?)
printf 'called_from_lib:libcopy\n' >"$work/supp_lib"
run "$work/copy_race" CRACE_OPTIONS="suppressions=$work/supp_lib"
check "called_from_lib:libcopy: not checked" \
    $([ $status -eq 0 ] && [ ! -s "$work/err" ]; echo $?)

# called_from_lib also covers the library's malloc/free: its private blocks,
# handed between threads under its own (invisible) lock, are not checked.
$cc -O1 -fPIC -shared "$input/libcache.c" -o "$work/libcache.so" &&
    CRACE_CC=$cc "$wrapper" -g -O1 -I"$common" "$input/cache_threads.c" "$work/uninstr_sync.$cc.o" \
        -L"$work" -lcache -Wl,-rpath,"$work" -o "$work/cache_threads" ||
    { echo "FAIL: cannot build cache_threads"; exit 1; }
run "$work/cache_threads"
check "malloc/free from a library: reported without suppression" \
    $([ $status -eq 66 ] && grep -q "WARNING: DATA RACE" "$work/err"; echo $?)
printf 'called_from_lib:libcache.so\n' >"$work/supp_cache"
run "$work/cache_threads" CRACE_OPTIONS="suppressions=$work/supp_cache"
check "called_from_lib:libcache.so: its malloc/free not checked" \
    $([ $status -eq 0 ] && [ ! -s "$work/err" ]; echo $?)

# The installed wrapper finds the installed runtime, not the build tree's.
cmake --install "$build" --prefix "$work/prefix" >"$work/install.log" 2>&1
check "cmake --install" $?
cmds=$(CRACE_DRY_RUN=1 CRACE_CC=$cc "$work/prefix/bin/crace-cc" -g "$root/samples/counter.c" -o "$work/inst")
check "installed wrapper links the installed libcrace.a" \
    $(echo "$cmds" | grep -q "$work/prefix/lib[^ ]*/libcrace.a" && ! echo "$cmds" | grep -q "$build/lib"; echo $?)
check "installed header" $([ -f "$work/prefix/include/crace.h" ]; echo $?)
wrapper=$work/prefix/bin/crace-cc
build_race "$cc" "$work/inst" -g
check "installed wrapper builds the race program" $?
run "$work/inst"
check "installed wrapper: counter reports and exits 66" \
    $([ $status -eq 66 ] && grep -q "WARNING: DATA RACE" "$work/err"; echo $?)

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
