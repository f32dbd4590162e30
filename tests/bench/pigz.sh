#!/usr/bin/env bash
# pigz.sh: crace and ThreadSanitizer on a real program, pigz with zlib, both built by each tool.
#
# usage: tests/bench/pigz.sh ZLIB_SRC PIGZ_SRC [--build BUILD_DIR] [--out DIR] [--mib N] [--reps R]
#
# ZLIB_SRC and PIGZ_SRC are unpacked source trees (github.com/madler/zlib, github.com/madler/pigz;
# never copied into this repository). Each is compiled six ways: native, TSan and crace, each with
# gcc and clang (-O2 -g; zlib's core files, pigz.c, yarn.c, try.c and pigz's zopfli files). Then a
# text-like input of N MiB (default 16; text_input.sh) is compressed and decompressed with -p 2
# and -p 4 by every build, R times each (default 3); each round trip is checked (cmp) and stderr
# is searched for race reports. Prints one line per build and operation (medians of wall s,
# user+sys CPU s, peak RSS KiB; race reports; round trip) and, per compiler, the ratios to
# native and crace/TSan. On a loaded host, trust the CPU-time ratios more than the wall-time ones.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 2 ] || { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
Z=$(cd "$1" && pwd) || exit 2
P=$(cd "$2" && pwd) || exit 2
shift 2
# shellcheck source=tests/bench/realprog.sh
. "$HERE/realprog.sh"
realprog_options pigz "$@"
if [ ! -f "$Z/deflate.c" ] || [ ! -f "$P/pigz.c" ]; then
    echo "pigz.sh: not zlib and pigz sources" >&2
    exit 2
fi
mkdir -p "$OUT" || exit 2

build() { # VARIANT
    local srcs=() s
    for s in adler32 crc32 deflate infback inffast inflate inftrees trees zutil compress uncompr; do
        srcs+=("$Z/$s.c")
    done
    srcs+=("$P/pigz.c" "$P/yarn.c" "$P/try.c")
    for s in deflate blocksplitter tree lz77 cache hash util squeeze katajainen symbols; do
        srcs+=("$P/zopfli/src/zopfli/$s.c")
    done
    realprog_build "$1" pigz -O2 -g -pthread -I"$Z" -w -- "${srcs[@]}" -- -lm
}

"$HERE/text_input.sh" "$MIB" >"$OUT/input" || exit 2

realprog_build_all pigz

: >"$OUT/results"
for v in $VARIANTS; do
    [ -x "$OUT/$v/pigz" ] || continue
    for p in 2 4; do
        for op in c d; do
            : >"$OUT/reps"
            ok=ok
            races=0
            for _ in $(seq "$REPS"); do
                if [ $op = c ]; then
                    timed "$OUT" "$OUT/$v/pigz" -p $p -c "$OUT/input" >"$OUT/out.gz" 2>"$OUT/err"
                else
                    timed "$OUT" "$OUT/$v/pigz" -d -p $p -c "$OUT/out.gz" >"$OUT/dec" 2>"$OUT/err"
                    cmp -s "$OUT/dec" "$OUT/input" || ok=BAD-ROUND-TRIP
                fi
                races=$((races + $(races_in "$OUT/err")))
            done
            reps_line "$v" "$op$p" "$races" "$ok" "$OUT"
        done
    done
done

echo
ratio_table "$OUT/results" -p
