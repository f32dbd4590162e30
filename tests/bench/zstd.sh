#!/usr/bin/env bash
# zstd.sh: crace and ThreadSanitizer on a second real program, the zstd command-line tool
# (multithreaded compression), built by each tool.
#
# usage: tests/bench/zstd.sh ZSTD_SRC [--build BUILD_DIR] [--out DIR] [--mib N] [--reps R]
#
# ZSTD_SRC is an unpacked source tree (github.com/facebook/zstd; never copied into this
# repository). Its library and programs/ are compiled six ways, native, TSan and crace, each
# with gcc and clang (-O2 -g, ZSTD_MULTITHREAD, no assembly), into DIR; the source tree is
# only read. Then a text-like input of N MiB (default 16; text_input.sh) is compressed at
# level 3 with -T2 and -T4 and decompressed, R times each (default 3; medians). Each round
# trip is checked (cmp) and stderr is searched for race reports. The shape differs from
# pigz's: workers hash into private tables of 32-bit entries (random stores, a new epoch
# at every block's progress update under a mutex), read the input with unaligned 8-byte
# loads, and decompression copies matches 16 unaligned bytes at a time. Prints one line per
# build and operation (medians) and, per compiler, the ratios to native and crace/TSan;
# trust the CPU-time ratios more than the wall-time ones on a loaded host.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
[ $# -ge 1 ] || { sed -n '2,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
Z=$(cd "$1" && pwd) || exit 2
shift
# shellcheck source=tests/bench/realprog.sh
. "$HERE/realprog.sh"
realprog_options zstd "$@"
if [ ! -f "$Z/lib/zstd.h" ] || [ ! -f "$Z/programs/zstdcli.c" ]; then
    echo "zstd.sh: not a zstd source tree" >&2
    exit 2
fi
mkdir -p "$OUT" || exit 2

build() { # VARIANT
    realprog_build "$1" zstd -O2 -g -pthread -DZSTD_MULTITHREAD -DZSTD_DISABLE_ASM \
        -DZSTD_LEGACY_SUPPORT=0 -I"$Z/lib" -I"$Z/lib/common" -I"$Z/programs" -w -- \
        "$Z"/lib/common/*.c "$Z"/lib/compress/*.c "$Z"/lib/decompress/*.c \
        "$Z"/lib/dictBuilder/*.c "$Z"/programs/*.c
}

"$HERE/text_input.sh" "$MIB" >"$OUT/input" || exit 2

realprog_build_all zstd

# run VARIANT OP: one timed run; OP is c2, c4 (compress -T2/-T4) or d (decompress)
run() {
    local v=$1 op=$2 z="$OUT/$1/zstd"
    case $op in
    c*) timed "$OUT" "$z" -q -f -3 -T"${op#c}" -c "$OUT/input" >"$OUT/out.zst" 2>"$OUT/err" ;;
    d) timed "$OUT" "$z" -q -f -d -c "$OUT/ref.zst" >"$OUT/dec" 2>"$OUT/err" ;;
    esac
}

: >"$OUT/results"
for v in $VARIANTS; do
    [ -x "$OUT/$v/zstd" ] || continue
    for op in c2 c4 d; do
        : >"$OUT/reps"
        ok=ok
        races=0
        for _ in $(seq "$REPS"); do
            run "$v" "$op"
            case $op in
            c*) "$OUT/$v/zstd" -q -d -c "$OUT/out.zst" 2>/dev/null | cmp -s - "$OUT/input" || ok=BAD-ROUND-TRIP
                [ "$op" = c2 ] && [ "$v" = native-gcc ] && cp "$OUT/out.zst" "$OUT/ref.zst" ;;
            d) cmp -s "$OUT/dec" "$OUT/input" || ok=BAD-ROUND-TRIP ;;
            esac
            races=$((races + $(races_in "$OUT/err")))
        done
        reps_line "$v" "$op" "$races" "$ok" "$OUT"
    done
done

echo
ratio_table "$OUT/results" -T
