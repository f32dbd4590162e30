#!/usr/bin/env bash
# test_profiles.sh BUILD_DIR COMPILER - mutex_profile=, block_profile= and
# goroutine_profile= files, read back with `go tool pprof` with the program
# gone (the profiles carry their own symbols):
#   - every lock kind (mutex, rwlock, spinlock, C11 mtx): the mutex profile's
#     top frame is the function that released the contended lock, the block
#     profile's the one that waited for it; samples carry worker=N labels;
#   - condition waits, semaphores, barriers and joins: the block profile's
#     top frame (main's own joins ignored) is the blocking call's function;
#   - sample types and units as Go's, mappings with symbols, valid gzip;
#   - mutex_profile_fraction=2 counts every kept event twice;
#     block_profile_rate above most waits records each kept one as >= rate;
#   - a fraction or rate of 0 records nothing; an unwritable path is said.
set -u
label="profile files"
source "$(dirname "$0")/lib.sh"

cc_crace contend "$here/contend.c"
# Profiles are read with the binary moved away: no symbolization from it.
mv "$work/contend" "$work/contend.bin"
run() { # run KIND OPTIONS...
    local kind=$1
    shift
    (cd "$work" && CRACE_OPTIONS="$*" ./contend.bin "$kind" >"$work/$kind.out" 2>"$work/$kind.err")
    local rc=$?
    [ $rc -eq 0 ] || problem "$kind: exit $rc: $(head -3 "$work/$kind.err")"
    [ -s "$work/$kind.err" ] && problem "$kind: stderr: $(head -3 "$work/$kind.err")"
}

for kind in mutex rwlock spin c11; do
    run $kind "mutex_profile=$work/m.$kind block_profile=$work/b.$kind"
    top=$(top_function "$work/m.$kind")
    [ "$top" = release_lock ] || problem "$kind: mutex profile top frame '$top', want release_lock"
    top=$(top_function "$work/b.$kind" -ignore='^main$')
    [ "$top" = take_lock ] || problem "$kind: block profile top frame '$top', want take_lock"
    # Samples carry the releasing thread's label (a worker whose releases
    # never met a waiter has none: at least two of the four must show).
    labelled=$(go tool pprof -traces "$work/m.$kind" 2>&1 | grep -Eo "worker: +[0-9]+$" | sort -u)
    [ "$(wc -l <<<"$labelled")" -ge 2 ] && ! grep -Evq "worker: +[0-3]$" <<<"$labelled" ||
        problem "$kind: mutex profile labels: '$labelled' (want worker=0..3, at least two)"
    grep -q "worker" <<<"$(go tool pprof -traces "$work/b.$kind" 2>&1)" ||
        problem "$kind: block profile samples carry no labels"
done

for kind in cond sem barrier join; do
    run $kind "block_profile=$work/b.$kind"
    top=$(top_function "$work/b.$kind" -ignore='^main$')
    [ "$top" = wait_here ] || problem "$kind: block profile top frame '$top', want wait_here"
done

# Types, units, period, mappings: pprof's raw view.
raw=$(go tool pprof -raw "$work/m.mutex" 2>&1)
grep -q "^PeriodType: contentions count" <<<"$raw" || problem "mutex: period type: $raw"
grep -q "contentions/count delay/nanoseconds" <<<"$raw" || problem "mutex: sample types"
grep -q "release_lock .*contend.c:[0-9]" <<<"$raw" || problem "mutex: no file:line for release_lock"
grep -q "\[FN\]\[FL\]\[LN\]\[IN\]" <<<"$raw" || problem "mutex: mappings do not carry symbols"
python3 - "$work/m.mutex" <<'PY' || problem "mutex: not valid gzip"
import gzip, sys
data = gzip.open(sys.argv[1]).read()  # checks the CRC-32 and the size
assert b"contentions" in data and b"nanoseconds" in data
PY

# Sampling: a fraction of 2 keeps about half the events, each counted twice.
run mutex "mutex_profile=$work/m.frac mutex_profile_fraction=2"
counts=$(go tool pprof -raw "$work/m.frac" 2>/dev/null |
    awk '/^Samples:/ {s = 1; next} /^Locations/ {s = 0} s && $1 ~ /^[0-9]+$/ {print $1}')
[ -n "$counts" ] || problem "fraction 2: no samples"
for c in $counts; do
    [ $((c % 2)) -eq 0 ] || problem "fraction 2: a sample counted $c times (odd)"
done
# A rate of 50 ms, above most waits here (2-6 ms): each kept event records
# at least the rate (shorter ones exactly the rate, scaled in count).
run mutex "block_profile=$work/b.rate block_profile_rate=50000000"
delays=$(go tool pprof -raw "$work/b.rate" 2>/dev/null |
    awk '/^Samples:/ {s = 1; next} /^Locations/ {s = 0} s && $2 ~ /^[0-9]+:?$/ {sub(":", "", $2); print $2}')
[ -n "$delays" ] || problem "rate 50ms: no samples"
for d in $delays; do
    [ "$d" -ge 50000000 ] || problem "rate 50ms: a sample of $d ns (below the rate)"
done
# Off: fraction 0 and rate 0 record nothing, and still write a profile.
run mutex "mutex_profile=$work/m.off mutex_profile_fraction=0 block_profile=$work/b.off block_profile_rate=0"
for f in m.off b.off; do
    n=$(go tool pprof -raw "$work/$f" 2>/dev/null |
        awk '/^Samples:/ {s = 1; next} /^Locations/ {s = 0} s && $1 ~ /^[0-9]+$/' | wc -l)
    [ "$n" -eq 0 ] || problem "$f: $n samples with profiling off"
done

# The goroutine profile at exit: only main is left, with its labels type.
(cd "$work" && CRACE_OPTIONS="goroutine_profile=$work/g.exit" ./contend.bin mutex >/dev/null 2>&1)
grep -q "^Type: goroutine" <<<"$(go tool pprof -top "$work/g.exit" 2>&1)" ||
    problem "goroutine profile at exit: not a goroutine profile"

# An unwritable path: said on stderr, the program's status unchanged.
(cd "$work" && CRACE_OPTIONS="mutex_profile=$work/no/such/dir/m" ./contend.bin mutex \
    >/dev/null 2>"$work/unwritable.err")
rc=$?
[ $rc -eq 0 ] || problem "unwritable path: exit $rc"
grep -q "cannot write the mutex profile to $work/no/such/dir/m" "$work/unwritable.err" ||
    problem "unwritable path: no message: $(cat "$work/unwritable.err")"
finish
