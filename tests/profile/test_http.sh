#!/usr/bin/env bash
# test_http.sh BUILD_DIR COMPILER - pprof_http=: the loopback server of a
# running program (server.c), read as Go's net/http/pprof would be:
#   - `go tool pprof -top URL/mutex` and `.../block`: the known lock's
#     release_lock and take_lock on top; ?seconds=1 (a delta) the same;
#   - goroutine?debug=2: every program thread (and no other: the serving
#     thread is invisible) with its state, name, labels and stack;
#     goroutine?debug=1 and the proto form with labels;
#   - mutex?debug=1 text; the index page; 404 and 400 answers;
#   - the program runs race-free and silent, and exits 0;
#   - non-loopback addresses, bad ports and a port in use: one line on
#     stderr and exit status 2 before main.
set -u
label="pprof over HTTP"
source "$(dirname "$0")/lib.sh"

cc_crace server "$here/server.c"
stop=$work/stop
(cd "$work" && CRACE_OPTIONS="pprof_http=127.0.0.1:0" exec ./server "$stop" \
    >"$work/server.out" 2>"$work/server.err") &
pid=$!
cleanup() { touch "$stop"; sleep 1; kill "$pid" 2>/dev/null; }
trap cleanup EXIT
url=
for _ in $(seq 100); do
    url=$(grep -o 'http://127.0.0.1:[0-9]*/debug/pprof/' "$work/server.err" 2>/dev/null)
    [ -n "$url" ] && break
    sleep 0.1
done
[ -n "$url" ] || { problem "no server address on stderr: $(cat "$work/server.err")"; finish; }
sleep 1 # let contention build up

get() { # get PATH OUTFILE: HTTP status on stdout
    python3 - "$url$1" "$2" <<'PY'
import sys, urllib.request, urllib.error
try:
    with urllib.request.urlopen(sys.argv[1], timeout=30) as r:
        open(sys.argv[2], "wb").write(r.read()); print(r.status)
except urllib.error.HTTPError as e:
    open(sys.argv[2], "wb").write(e.read()); print(e.code)
PY
}

[ "$(get "" "$work/index")" = 200 ] && grep -q "goroutine" "$work/index" ||
    problem "index page: $(head -c 200 "$work/index")"

top=$(top_function "${url}mutex")
[ "$top" = release_lock ] || problem "mutex over HTTP: top frame '$top', want release_lock"
top=$(top_function "${url}block" -ignore='^main$')
[ "$top" = take_lock ] || problem "block over HTTP: top frame '$top', want take_lock"
top=$(top_function "${url}mutex?seconds=1")
[ "$top" = release_lock ] || problem "mutex?seconds=1: top frame '$top', want release_lock"

[ "$(get "goroutine?debug=2" "$work/dump")" = 200 ] || problem "goroutine?debug=2: status"
grep -q '^thread T1 "waiter" \[mutex lock, [0-9.]* seconds\]:$' "$work/dump" ||
    problem "debug=2: no blocked waiter line: $(head -5 "$work/dump")"
grep -A3 '^thread T1 "waiter"' "$work/dump" | grep -q '^# labels: {"request":"42"}$' ||
    problem "debug=2: waiter's labels missing"
grep -A4 '^thread T1 "waiter"' "$work/dump" | grep -q '^stuck()$' ||
    problem "debug=2: waiter's stack has no stuck()"
nthreads=$(grep -Ec '^(thread T[0-9]+|main thread)' "$work/dump")
[ "$nthreads" -eq 6 ] || problem "debug=2: $nthreads threads listed, want 6 (main, waiter, 4 workers)"
[ "$(get "goroutine?debug=1" "$work/count")" = 200 ] &&
    grep -q '^goroutine profile: total 6$' "$work/count" ||
    problem "debug=1: $(head -2 "$work/count")"
traces=$(go tool pprof -traces "${url}goroutine" 2>&1)
grep -q "request: *42" <<<"$traces" && grep -q "stuck" <<<"$traces" ||
    problem "goroutine proto: no labelled stuck() sample"
[ "$(get "mutex?debug=1" "$work/mutex.txt")" = 200 ] && grep -q '^--- mutex:$' "$work/mutex.txt" &&
    grep -q 'release_lock+0x' "$work/mutex.txt" || problem "mutex?debug=1: $(head -3 "$work/mutex.txt")"
[ "$(get "heap" "$work/heap")" = 404 ] || problem "unknown profile: not 404"
[ "$(get "mutex?debug=7" "$work/bad")" = 400 ] || problem "debug=7: not 400"

touch "$stop"
wait "$pid"
rc=$?
trap - EXIT
[ $rc -eq 0 ] || problem "server exited $rc"
[ "$(grep -vc '^crace: pprof server on' "$work/server.err")" -eq 0 ] ||
    problem "stderr beyond the address line: $(head -5 "$work/server.err")"

# Refused before main (which would print): exit 2, one line naming the value.
cc_crace hello "$src_root/samples/counter_mutex.c"
for spec in 0.0.0.0:6060 10.1.2.3:80 192.168.0.1:0 127.0.0.1:99999 127.0.0.1: localhost \
    example.com:80 "[::]:6060"; do
    (cd "$work" && CRACE_OPTIONS="pprof_http=$spec" ./hello >"$work/ref.out" 2>"$work/ref.err")
    rc=$?
    [ $rc -eq 2 ] || problem "pprof_http=$spec: exit $rc, want 2"
    [ -s "$work/ref.out" ] && problem "pprof_http=$spec: main ran"
    [ "$(wc -l <"$work/ref.err")" -eq 1 ] && grep -qF "'$spec'" "$work/ref.err" ||
        problem "pprof_http=$spec: message: $(cat "$work/ref.err")"
done
# A port already taken.
python3 -c 'import socket,time,sys
s=socket.socket(); s.bind(("127.0.0.1",0)); s.listen(1); print(s.getsockname()[1], flush=True); time.sleep(30)' \
    >"$work/port" &
holder=$!
for _ in $(seq 50); do [ -s "$work/port" ] && break; sleep 0.1; done
port=$(cat "$work/port")
(cd "$work" && CRACE_OPTIONS="pprof_http=127.0.0.1:$port" ./hello >"$work/ref.out" 2>"$work/ref.err")
rc=$?
kill $holder 2>/dev/null
[ $rc -eq 2 ] && grep -q "cannot listen" "$work/ref.err" ||
    problem "port in use: exit $rc: $(cat "$work/ref.err")"
# Bad values of the other profile options.
for opt in mutex_profile= mutex_profile_fraction=-1 mutex_profile_fraction=x \
    block_profile_rate=-5 block_profile_rate=1e9 goroutine_profile=; do
    (cd "$work" && CRACE_OPTIONS="$opt" ./hello >"$work/ref.out" 2>"$work/ref.err")
    rc=$?
    [ $rc -eq 2 ] && [ "$(wc -l <"$work/ref.err")" -eq 1 ] && [ ! -s "$work/ref.out" ] ||
        problem "$opt: exit $rc: $(cat "$work/ref.err")"
done
finish
