#!/usr/bin/env bash
# test_realprog.sh: the real-program scripts' own checks, without the real programs (their
# sources are never in the repository): the shared helpers (median, the ratio table), the
# input generator, and the clear errors pigz.sh and zstd.sh give for bad arguments.
set -u -o pipefail
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=tests/bench/realprog.sh
. "$HERE/realprog.sh"
fails=0
check() { # NAME GOT WANT
    if [ "$2" = "$3" ]; then
        echo "ok   $1"
    else
        echo "FAIL $1: got '$2', want '$3'"
        fails=$((fails + 1))
    fi
}
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

check "median of three" "$(printf '3\n5\n1\n' | median)" 3
check "median of four (lower middle)" "$(printf '4\n1\n3\n2\n' | median)" 2
check "median of one" "$(echo 7.5 | median)" 7.5

cat >"$tmp/results" <<'R'
native-gcc c2 0.5 1.0 1000 0 ok
tsan-gcc c2 5.0 10.0 8000 0 ok
crace-gcc c2 2.5 4.0 2000 0 ok
native-gcc d 0.2 0.25 500 0 ok
tsan-gcc d 1.0 2.0 4000 0 ok
crace-gcc d 3.0 3.0 6000 0 ok
native-clang c2 1 1 1 0 ok
R
table=$(ratio_table "$tmp/results" -T)
check "table: compress row" "$(grep "| gcc | compress -T 2" <<<"$table")" \
    "| gcc | compress -T 2 | 10.0 | 5.0 | 10.0 | 4.0 | 0.40 | 0.25 |"
check "table: decompress row" "$(grep '| decompress |' <<<"$table")" \
    "| gcc | decompress | 5.0 | 15.0 | 8.0 | 12.0 | 1.50 | 1.50 |"
check "table: no row where a build is missing (no division by zero)" \
    "$(grep -c '| clang |' <<<"$table")" 0

: >"$tmp/reps"
timed "$tmp" sh -c 'exit 0'
check "timed appends one line of three fields" "$(awk '{ print NF }' "$tmp/reps")" 3
printf 'WARNING: ThreadSanitizer: data race\nWARNING: DATA RACE\nnothing\n' >"$tmp/err"
check "races_in counts both report headers" "$(races_in "$tmp/err")" 2

"$HERE/text_input.sh" 1 >"$tmp/in1" && "$HERE/text_input.sh" 1 >"$tmp/in2"
check "input: exactly 1 MiB" "$(wc -c <"$tmp/in1")" 1048576
check "input: deterministic" "$(cmp -s "$tmp/in1" "$tmp/in2" && echo same)" same
check "input: printable text and line breaks only" "$(LC_ALL=C tr -d '[:print:]\n' <"$tmp/in1" | wc -c)" 0

for s in pigz.sh zstd.sh; do
    "$HERE/$s" >"$tmp/out" 2>&1
    check "$s without arguments: usage, exit 2" "$?:$(grep -c usage "$tmp/out")" 2:1
done
"$HERE/zstd.sh" "$tmp" >"$tmp/out" 2>&1
check "zstd.sh on a tree that is not zstd's" "$?:$(cat "$tmp/out")" "2:zstd.sh: not a zstd source tree"
"$HERE/pigz.sh" "$tmp" "$tmp" >"$tmp/out" 2>&1
check "pigz.sh on trees that are not zlib's and pigz's" "$?:$(cat "$tmp/out")" \
    "2:pigz.sh: not zlib and pigz sources"
"$HERE/zstd.sh" "$tmp" --frobnicate >"$tmp/out" 2>&1
check "zstd.sh with an unknown option" "$?:$(cat "$tmp/out")" "2:zstd.sh: unknown argument '--frobnicate'"

[ $fails -eq 0 ] && echo "all passed" || echo "$fails failed"
exit $((fails != 0))
