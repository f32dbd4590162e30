#!/usr/bin/env bash
# test_tool_reports.sh BUILD_DIR - the reports of the lock and signal tools
# (lock order inversions, lock misuse, thread leaks, signal handler
# hazards) beyond what one corpus case checks: their JSON objects against
# check_json.py, their suppression rules (lock_order:, mutex:, thread:,
# signal:) with the summary's "Suppressed" lines, the options that turn
# each tool off, and halt_on_error.
set -u
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
pass=0 fail=0
cc=${CRACE_TEST_CC:-gcc}
corpus=$root/tests/deadlock
common=$root/tests/common

check() { # name, condition-exit-status
    if [ "$2" -eq 0 ]; then pass=$((pass + 1)); else
        fail=$((fail + 1))
        echo "FAIL: $1"
        [ -f "$work/err" ] && sed 's/^/  | /' "$work/err" | head -30
    fi
}

run() { # prog [env...]: stdout -> out, stderr -> err, status -> $status
    local prog=$1
    shift
    env "$@" timeout 60 "$prog" >"$work/out" 2>"$work/err"
    status=$?
}

$cc -O2 -fPIC -c "$common/uninstr_sync.c" -o "$work/uninstr_sync.o" ||
    { echo "FAIL: cannot build uninstr_sync"; exit 1; }
build() { # case name -> $work/name
    CRACE_CC=$cc "$build/bin/crace-cc" -g -O1 -pthread -I"$common" "$corpus/$1.c" \
        "$work/uninstr_sync.o" -o "$work/$1" || { echo "FAIL: cannot build $1"; exit 1; }
}
for c in lo_two_threads lo_four_cycle_rwlock mis_unlock_other_thread mis_cond_two_mutexes \
    mis_use_destroyed mis_double_lock leak_loop sig_malloc sig_errno; do
    build $c
done

# JSON: one object per report, valid, counted by kind in the summary.
json_ok() { # prog, expected "kind count" pairs...
    local prog=$1
    shift
    run "$work/$prog" CRACE_OPTIONS=report_format=json
    python3 "$root/tests/integration/check_json.py" "$work/err" 0 >"$work/json.out" 2>&1 || {
        cat "$work/json.out"
        return 1
    }
    while [ $# -gt 0 ]; do
        [ "$(grep -c "\"type\":\"$1\"" "$work/err")" -eq "$2" ] || return 1
        shift 2
    done
    [ $status -eq 66 ]
}
check "lock order inversion: JSON" $(json_ok lo_two_threads lock_order_inversion 1; echo $?)
check "four-lock cycle: JSON" $(json_ok lo_four_cycle_rwlock lock_order_inversion 1; echo $?)
check "unlock by non-owner: JSON" $(json_ok mis_unlock_other_thread lock_misuse 1; echo $?)
check "two mutexes on one condition variable: JSON" \
    $(json_ok mis_cond_two_mutexes lock_misuse 1; echo $?)
check "use of destroyed mutex: JSON" $(json_ok mis_use_destroyed lock_misuse 3; echo $?)
check "double lock: JSON, run ended with 66" $(json_ok mis_double_lock lock_misuse 1; echo $?)
check "thread leak: JSON" $(json_ok leak_loop thread_leak 1; echo $?)
check "signal-unsafe calls: JSON" $(json_ok sig_malloc signal_hazard 2; echo $?)
check "errno spoiled: JSON" $(json_ok sig_errno signal_hazard 1; echo $?)
run "$work/lo_two_threads" CRACE_OPTIONS=report_format=json
check "JSON summary counts the inversion" \
    $(grep -qx '{"type":"summary","races":0,"suppressed":0,"lock_order_inversions":1}' \
        "$work/err"; echo $?)

# Suppressions: each kind has its rule; a suppressed report leaves the exit
# status alone and is counted in a "Suppressed" line.
suppressed() { # prog, rules, summary noun
    printf '%s\n' "$2" >"$work/supp"
    run "$work/$1" CRACE_OPTIONS="suppressions=$work/supp"
    [ $status -eq 0 ] && ! grep -q "^WARNING" "$work/err" &&
        grep -qx "Suppressed [0-9]* $3 (suppressions file $work/supp)" "$work/err"
}
check "lock_order:FUNCTION suppresses an inversion" \
    $(suppressed lo_two_threads "lock_order:b_then_a" "lock order inversion(s)"; echo $?)
check "mutex:FILE suppresses a misuse" \
    $(suppressed mis_unlock_other_thread "mutex:mis_unlock_*.c" "lock misuse(s)"; echo $?)
check "thread:FUNCTION (creation stack) suppresses a leak" \
    $(suppressed leak_loop "thread:^main$" "thread leak(s)"; echo $?)
check "signal:FUNCTION suppresses a hazard" \
    $(suppressed sig_malloc "signal:on_usr1" "signal handler hazard(s)"; echo $?)
printf 'race:b_then_a\n' >"$work/supp"
run "$work/lo_two_threads" CRACE_OPTIONS="suppressions=$work/supp"
check "a race: rule does not suppress an inversion" \
    $([ $status -eq 66 ] && grep -q "WARNING: LOCK ORDER INVERSION" "$work/err"; echo $?)
printf 'deadlocks:x\n' >"$work/supp"
run "$work/lo_two_threads" CRACE_OPTIONS="suppressions=$work/supp"
check "unknown rule type names the known ones" \
    $([ $status -eq 2 ] && grep -q "known: race, lock_order, mutex, thread, signal" "$work/err"; echo $?)

# Each tool can be turned off.
off() { # prog, option
    run "$work/$1" CRACE_OPTIONS="$2=0"
    [ $status -eq 0 ] && [ ! -s "$work/err" ]
}
check "detect_lock_order=0" $(off lo_two_threads detect_lock_order; echo $?)
check "report_mutex_bugs=0" $(off mis_unlock_other_thread report_mutex_bugs; echo $?)
check "report_thread_leaks=0" $(off leak_loop report_thread_leaks; echo $?)
check "report_signal_unsafe=0" $(off sig_malloc report_signal_unsafe; echo $?)
run "$work/lo_two_threads" CRACE_OPTIONS=detect_lock_order=2
check "detect_lock_order=2 is refused" $([ $status -eq 2 ]; echo $?)

# halt_on_error ends the run at the first report of any kind.
run "$work/sig_malloc" CRACE_OPTIONS=halt_on_error=1
check "halt_on_error: one report, status 66" \
    $([ $status -eq 66 ] && [ "$(grep -c '^WARNING' "$work/err")" -eq 1 ]; echo $?)

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
