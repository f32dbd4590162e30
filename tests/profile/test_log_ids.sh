#!/usr/bin/env bash
# test_log_ids.sh BUILD_DIR COMPILER - samples/log_ids.c: the program's log
# lines carry crace_thread_id() and crace_thread_name(), and each thread a
# race report names ("by thread T1 "worker-1"") is the one logging as
# "[T1 worker-1]"; its thread block lists its label (request=101), in text
# and in JSON. Built with a plain compiler the sample runs too.
set -u
label="sample log_ids"
source "$(dirname "$0")/lib.sh"

cc_crace log_ids "$src_root/samples/log_ids.c"
(cd "$work" && ./log_ids >"$work/out" 2>"$work/err")
rc=$?
[ $rc -eq 66 ] || problem "exit $rc, want 66"
grep -q '^\[T0 main\] starting 2 workers$' "$work/out" || problem "main's log line: $(head -2 "$work/out")"
named=$(grep -Eo 'by thread T[0-9]+ "[^"]*"' "$work/err" | sort -u)
[ -n "$named" ] || problem "no thread named in the report: $(head -20 "$work/err")"
while read -r _ _ tid name; do
    [ -z "$tid" ] && continue
    name=${name//\"/}
    grep -q "^\[$tid $name\] request 10[12]: done$" "$work/out" ||
        problem "report names $tid \"$name\" but no log line [$tid $name]"
    n=${name#worker-}
    grep -q "^Thread $tid \"$name\" (\(running\|finished\), labels: request=10$n) created at:$" \
        "$work/err" || problem "no thread block with labels for $tid \"$name\""
done <<<"$named"

(cd "$work" && CRACE_OPTIONS=report_format=json ./log_ids >/dev/null 2>"$work/json")
python3 "$src_root/tests/integration/check_json.py" "$work/json" >"$work/check" 2>&1 ||
    problem "JSON schema: $(head -5 "$work/check")"
python3 - "$work/json" <<'PY' || problem "JSON: labels missing on the threads"
import json, sys
for line in open(sys.argv[1]):
    r = json.loads(line)
    if r.get("type") != "data_race":
        continue
    for t in r["threads"]:
        assert t["labels"] == {"request": "10" + t["name"][-1]}, t
    sys.exit(0)
sys.exit(1)
PY

$compiler -Wall -Wextra -Werror -I"$src_root/include" -pthread "$src_root/samples/log_ids.c" \
    -o "$work/plain" 2>"$work/plain.log" || problem "plain build: $(head -3 "$work/plain.log")"
[ -x "$work/plain" ] && [ "$("$work/plain" | head -1)" = "[T0 ] starting 2 workers" ] ||
    problem "plain run: $("$work/plain" 2>&1 | head -2)"
finish
