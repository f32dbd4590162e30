#!/usr/bin/env bash
# pigz.sh: crace and ThreadSanitizer on a real program, pigz with zlib, both built by each tool.
#
# usage: tests/bench/pigz.sh ZLIB_SRC PIGZ_SRC [--build BUILD_DIR] [--out DIR] [--mib N]
#
# ZLIB_SRC and PIGZ_SRC are unpacked source trees (github.com/madler/zlib, github.com/madler/pigz;
# never copied into this repository). Each is compiled six ways: native, TSan and crace, each with
# gcc and clang (-O2 -g; zlib's core files, pigz.c, yarn.c, try.c and pigz's zopfli files). Then a
# text-like input of N MiB (default 16) is compressed and decompressed with -p 2 and -p 4 by every
# build; each round trip is checked (cmp) and stderr is searched for race reports. Prints one line
# per run (wall s, user+sys CPU s, peak RSS KiB) and, per compiler, the ratios to native and
# crace/TSan. On a loaded host, trust the CPU-time ratios more than the wall-time ones.
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
[ $# -ge 2 ] || { sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
Z=$(cd "$1" && pwd) || exit 2
P=$(cd "$2" && pwd) || exit 2
shift 2
BUILD="$ROOT/build"
OUT=/tmp/crace-pigz
MIB=16
while [ $# -gt 0 ]; do
    case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --out) OUT="$2"; shift 2 ;;
    --mib) MIB="$2"; shift 2 ;;
    *) echo "pigz.sh: unknown argument '$1'" >&2; exit 2 ;;
    esac
done
[ -f "$Z/deflate.c" ] && [ -f "$P/pigz.c" ] || { echo "pigz.sh: not zlib and pigz sources" >&2; exit 2; }
CRACE_CC_BIN="$BUILD/bin/crace-cc"
mkdir -p "$OUT" || exit 2

build() { # VARIANT (kind-compiler)
    local v=$1 cc=${1#*-} kind=${1%-*} dir="$OUT/$1" cf=(-O2 -g) c=()
    case $kind in
    native) c=("$cc"); cf+=(-pthread) ;;
    tsan) c=("$cc"); cf+=(-fsanitize=thread) ;;
    crace) c=(env "CRACE_CC=$cc" "$CRACE_CC_BIN"); cf+=(-pthread) ;;
    esac
    rm -rf "$dir" && mkdir -p "$dir" || return 1
    local srcs=() objs=() s o
    for s in adler32 crc32 deflate infback inffast inflate inftrees trees zutil compress uncompr; do
        srcs+=("$Z/$s.c")
    done
    srcs+=("$P/pigz.c" "$P/yarn.c" "$P/try.c")
    for s in deflate blocksplitter tree lz77 cache hash util squeeze katajainen symbols; do
        srcs+=("$P/zopfli/src/zopfli/$s.c")
    done
    for s in "${srcs[@]}"; do
        o="$dir/$(basename "$(dirname "$s")")_$(basename "$s" .c).o"
        "${c[@]}" "${cf[@]}" -I"$Z" -w -c "$s" -o "$o" || return 1
        objs+=("$o")
    done
    "${c[@]}" "${cf[@]}" -o "$dir/pigz" "${objs[@]}" -lm
}

# A text-like input: words of a skewed vocabulary, numbers, line breaks (deterministic).
awk -v n=$((MIB * 1048576)) 'BEGIN { srand(1); c = "bcdfghjklmnprstvwz"; v = "aeiou";
    for (i = 0; i < 4000; i++) { w = ""; k = 1 + int(rand() * 5);
        for (j = 0; j < k; j++) w = w substr(c, 1 + int(rand() * 18), 1) substr(v, 1 + int(rand() * 5), 1);
        W[i] = w }
    while (t < n) { r = rand(); w = r < 0.7 ? W[int(rand() * 150)] : r < 0.9 ? W[int(rand() * 4000)] : int(rand() * 100000);
        s = (rand() < 0.05) ? "\n" : " "; printf "%s%s", w, s; t += length(w) + 1 } }' |
    head -c $((MIB * 1048576)) >"$OUT/input"

VARIANTS="native-gcc tsan-gcc crace-gcc native-clang tsan-clang crace-clang"
for v in $VARIANTS; do
    echo "[pigz] building $v" >&2
    build "$v" >"$OUT/build.$v.log" 2>&1 || echo "[pigz] $v failed to build (see $OUT/build.$v.log)" >&2
done

: >"$OUT/results"
for v in $VARIANTS; do
    [ -x "$OUT/$v/pigz" ] || continue
    for p in 2 4; do
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/t.c" "$OUT/$v/pigz" -p $p -c "$OUT/input" >"$OUT/out.gz" 2>"$OUT/err.c"
        /usr/bin/time -f "%e %U %S %M" -o "$OUT/t.d" "$OUT/$v/pigz" -d -p $p -c "$OUT/out.gz" >"$OUT/dec" 2>"$OUT/err.d"
        ok=ok
        cmp -s "$OUT/dec" "$OUT/input" || ok=BAD-ROUND-TRIP
        for op in c d; do
            read -r wall u s rss < <(tail -n 1 "$OUT/t.$op")
            races=$(grep -c 'WARNING: .*[Dd][Aa][Tt][Aa] [Rr][Aa][Cc][Ee]' "$OUT/err.$op")
            echo "$v $op $p $wall $(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') $rss $races $ok" |
                tee -a "$OUT/results"
        done
    done
done

echo
echo "| compiler | op | -p | tsan × (wall) | crace × (wall) | tsan × (CPU) | crace × (CPU) | crace/tsan CPU | crace/tsan RSS |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
awk '{ k = $2 " " $3; split($1, a, "-"); t[a[2], a[1], k, "w"] = $4; t[a[2], a[1], k, "c"] = $5;
       t[a[2], a[1], k, "r"] = $6; keys[a[2], k] = 1 }
    END { for (ck in keys) { split(ck, q, SUBSEP); cc = q[1]; k = q[2]; split(k, o, " ");
        nw = t[cc, "native", k, "w"]; nc = t[cc, "native", k, "c"]
        if (nw == "" || nc == "" || nw == 0 || nc == 0) continue
        printf "| %s | %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |\n", cc, o[1] == "c" ? "compress" : "decompress", o[2],
            t[cc, "tsan", k, "w"] / nw, t[cc, "crace", k, "w"] / nw, t[cc, "tsan", k, "c"] / nc,
            t[cc, "crace", k, "c"] / nc, t[cc, "tsan", k, "c"] ? t[cc, "crace", k, "c"] / t[cc, "tsan", k, "c"] : 0,
            t[cc, "tsan", k, "r"] ? t[cc, "crace", k, "r"] / t[cc, "tsan", k, "r"] : 0 } }' "$OUT/results" | sort
