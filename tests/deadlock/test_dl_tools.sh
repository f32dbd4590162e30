#!/usr/bin/env bash
# test_dl_tools.sh BUILD_DIR - deadlock detection and the thread dump from
# the outside: the deadlock= and dump_signal= options (good and bad
# values), deadlock:PATTERN suppressions, log_path, report_format=json
# (validated with check_json.py), and the dump sent with kill from another
# process. CRACE_TEST_CC picks the compiler (default gcc).
set -u
build=$(cd "${1:?usage: $0 BUILD_DIR}" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
input=$root/tests/deadlock/input
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cc=${CRACE_TEST_CC:-gcc}
pass=0 fail=0

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
    env "$@" timeout -k 5 30 "$prog" >"$work/out" 2>"$work/err"
    status=$?
}

for p in abba_then_exit waiting_workers fork_child_waits; do
    CRACE_CC=$cc "$build/bin/crace-cc" -g -O1 -pthread "$input/$p.c" -o "$work/$p" ||
        { echo "FAIL: cannot build $p"; exit 1; }
done
abba=$work/abba_then_exit

# Options: bad values stop the program before main with one line, status 2.
for bad in deadlock=maybe dump_signal=KILL dump_signal=SIGSTOP dump_signal=SEGV dump_signal=99 \
    dump_signal=BOGUS dump_signal=; do
    run "$abba" CRACE_OPTIONS="$bad"
    check "bad value '$bad' exits 2 naming the option" \
        $([ $status -eq 2 ] && [ "$(wc -l <"$work/err")" -eq 1 ] &&
            grep -q "^crace: .*'${bad%%=*}'" "$work/err"; echo $?)
done

# deadlock=exit (default): reported, summary, status 66, main never printed.
run "$abba"
check "default: the cycle is reported, exit 66" \
    $([ $status -eq 66 ] && [ "$(grep -c '^WARNING: DEADLOCK (wait-for cycle)$' "$work/err")" -eq 1 ] &&
        grep -qx "Found 1 deadlock(s)" "$work/err"; echo $?)
check "default: reported long before main's exit (2 s)" \
    $(grep -q "held by thread T., 0\.[0-9] s\]" "$work/err"; echo $?)

# deadlock=report: reported once, the program goes on; main's exit(0) -> 66.
run "$abba" CRACE_OPTIONS="deadlock=report"
check "deadlock=report: one report, the program continues, exit 66" \
    $([ $status -eq 66 ] && [ "$(grep -c '^WARNING: DEADLOCK' "$work/err")" -eq 1 ] &&
        grep -qx "Found 1 deadlock(s)" "$work/err"; echo $?)

# deadlock=ignore: no detection at all.
run "$abba" CRACE_OPTIONS="deadlock=ignore"
check "deadlock=ignore: no report, the program's status" \
    $([ $status -eq 0 ] && [ ! -s "$work/err" ]; echo $?)

# Suppressions: deadlock:PATTERN on a frame of any thread's stack.
printf '# known deadlock\ndeadlock:lock_b_then_a\n' >"$work/supp"
run "$abba" CRACE_OPTIONS="suppressions=$work/supp"
check "deadlock:FUNCTION suppresses: no report, exit 0, a summary line" \
    $([ $status -eq 0 ] && ! grep -q "WARNING" "$work/err" &&
        grep -qx "Suppressed 1 deadlock(s) (suppressions file $work/supp)" "$work/err"; echo $?)
printf 'deadlock:abba_then*.c\n' >"$work/supp_file"
run "$abba" CRACE_OPTIONS="suppressions=$work/supp_file"
check "deadlock:FILE pattern suppresses" \
    $([ $status -eq 0 ] && grep -q "^Suppressed 1 deadlock(s)" "$work/err"; echo $?)
printf 'race:lock_b_then_a\n' >"$work/supp_race"
run "$abba" CRACE_OPTIONS="suppressions=$work/supp_race"
check "a race: rule does not suppress a deadlock" \
    $([ $status -eq 66 ] && grep -q "^WARNING: DEADLOCK" "$work/err"; echo $?)

# log_path: the report and the summary go to PATH.PID.
run "$abba" CRACE_OPTIONS="log_path=$work/log"
log=$(ls "$work"/log.* 2>/dev/null | head -1)
check "log_path: the deadlock report goes to PATH.PID" \
    $([ $status -eq 66 ] && [ ! -s "$work/err" ] && [ -n "$log" ] &&
        grep -q "^WARNING: DEADLOCK" "$log" && grep -qx "Found 1 deadlock(s)" "$log"; echo $?)

# JSON: one deadlock object, a summary counting it; the dump as thread_dump.
run "$abba" CRACE_OPTIONS="report_format=json"
check "report_format=json: a valid deadlock object and summary" \
    $([ $status -eq 66 ] && python3 "$root/tests/integration/check_json.py" "$work/err" 0 1 >/dev/null &&
        grep -q '"type":"deadlock","reason":"cycle"' "$work/err" &&
        grep -q '"deadlocks":1' "$work/err"; echo $?)

# crace-report reads the logs of a suite whose tests deadlock: each
# deadlock once (two processes hit the same one), titled as the runtime
# titles it, with its threads' stacks; a thread dump in a log is no report;
# exit status 66 although no race was found.
mkdir -p "$work/logs"
run "$abba" CRACE_OPTIONS="log_path=$work/logs/crace report_format=json"
run "$abba" CRACE_OPTIONS="log_path=$work/logs/crace report_format=json"
python3 "$root/tools/crace-report" "$work/logs" >"$work/out" 2>"$work/err"
status=$?
check "crace-report: a deadlock in two processes is one report, exit 66" \
    $([ $status -eq 66 ] && [ "$(grep -c '^WARNING: DEADLOCK (wait-for cycle)$' "$work/out")" -eq 1 ] &&
        grep -q "^Seen in 2 process(es)" "$work/out" && grep -q "abba_then_exit.c:[0-9]" "$work/out" &&
        grep -qx "crace-report: no data race found" "$work/out" &&
        grep -q "^crace-report: 1 deadlock(s) in 2 process(es)" "$work/out" && [ ! -s "$work/err" ]; echo $?)

# dump_signal from another process, by name and by number; the program is
# not stopped and finishes normally.
dump_from_outside() { # signal option value, kill signal
    env CRACE_OPTIONS="dump_signal=$1 $3" "$work/waiting_workers" >"$work/out" 2>"$work/err" &
    local pid=$! # env execs the program: the program's pid
    sleep 1.2
    kill -"$2" $pid
    (sleep 30 && kill -KILL $pid 2>/dev/null) &
    local guard=$!
    wait $pid
    status=$?
    kill $guard 2>/dev/null
    wait $guard 2>/dev/null
}
dump_from_outside QUIT QUIT ""
check "dump_signal=QUIT, kill -QUIT: a grouped dump, the program finishes" \
    $([ $status -eq 0 ] && grep -qx released "$work/out" &&
        grep -q "^crace: thread dump, 4 threads (pid [0-9]*)$" "$work/err" &&
        grep -q "^3 threads like thread T1 (T1, T2, T3) \[waiting in pthread_cond_wait on condition C1 " \
            "$work/err" && ! grep -q WARNING "$work/err"; echo $?)
dump_from_outside 10 USR1 ""
check "dump_signal=10 (SIGUSR1), kill -USR1: a dump" \
    $([ $status -eq 0 ] && grep -q "^crace: thread dump, 4 threads" "$work/err"; echo $?)
dump_from_outside SIGUSR2 USR2 "report_format=json"
check "dump_signal with report_format=json: a valid thread_dump object" \
    $([ $status -eq 0 ] && grep -q '^{"type":"thread_dump"' "$work/err" &&
        python3 "$root/tests/integration/check_json.py" "$work/err" 0 0 >/dev/null; echo $?)
dump_from_outside QUIT QUIT "deadlock=ignore"
check "dump_signal works with deadlock=ignore" \
    $([ $status -eq 0 ] && grep -q "^crace: thread dump, 4 threads" "$work/err"; echo $?)

# A fork child has no watchdog of the parent's: with dump_signal it gets its own.
CRACE_OPTIONS="dump_signal=QUIT" "$work/fork_child_waits" >"$work/out" 2>"$work/err" &
parent=$!
(sleep 30 && kill -KILL $parent 2>/dev/null) &
guard=$!
sleep 1.2
child=$(head -1 "$work/out")
[ -n "$child" ] && kill -QUIT "$child"
wait $parent
status=$?
kill $guard 2>/dev/null
wait $guard 2>/dev/null
check "dump_signal in a fork child: the child's threads are dumped" \
    $([ $status -eq 0 ] && [ -n "$child" ] &&
        grep -q "^crace: thread dump, 2 threads (pid $child)$" "$work/err" &&
        grep -q "^thread T1 \[blocked in pthread_mutex_lock on mutex M1 .* held by main thread" \
            "$work/err"; echo $?)

echo "$pass passed, $fail failed"
[ $fail -eq 0 ]
