# shellcheck shell=bash
# realprog.sh: helpers shared by the real-program scripts (pigz.sh, zstd.sh); sourced.
#
# Their results file has one line per variant and operation:
#   VARIANT OP WALL_S CPU_S PEAK_RSS_KIB RACE_REPORTS OK
# VARIANT is KIND-COMPILER (native, tsan or crace; gcc or clang); OP is cN (compress with N
# threads) or dN (decompress with N threads; d alone: the tool's default).

# realprog_options NAME ARGS...: the options both scripts take after their source trees
# (--build BUILD_DIR, --out DIR, --mib N, --reps R); sets BUILD, OUT, MIB, REPS and
# CRACE_CC_BIN (defaults: this checkout's build, /tmp/crace-NAME, 16, 3).
# shellcheck disable=SC2034 # the variables are the sourcing script's
realprog_options() {
    local name=$1
    shift
    BUILD="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)/build"
    OUT=/tmp/crace-$name
    MIB=16
    REPS=3
    while [ $# -gt 0 ]; do
        case "$1" in
        --build) BUILD="$2"; shift 2 ;;
        --out) OUT="$2"; shift 2 ;;
        --mib) MIB="$2"; shift 2 ;;
        --reps) REPS="$2"; shift 2 ;;
        *) echo "$name.sh: unknown argument '$1'" >&2; exit 2 ;;
        esac
    done
    CRACE_CC_BIN="$BUILD/bin/crace-cc"
}

# The six builds each script measures: KIND-COMPILER.
VARIANTS="native-gcc tsan-gcc crace-gcc native-clang tsan-clang crace-clang"

# realprog_build VARIANT EXE CFLAGS... -- SOURCES... [-- LINK_ARGS...]: compiles every
# source with the variant's compiler (the compiler itself, with -fsanitize=thread for tsan,
# or crace-cc over it) and CFLAGS into $OUT/VARIANT, then links $OUT/VARIANT/EXE.
realprog_build() {
    local v=$1 exe=$2 cc=${1#*-} kind=${1%-*} dir="$OUT/$1" c=() cf=() srcs=() objs=() s o
    shift 2
    while [ $# -gt 0 ] && [ "$1" != -- ]; do cf+=("$1"); shift; done
    shift
    while [ $# -gt 0 ] && [ "$1" != -- ]; do srcs+=("$1"); shift; done
    [ $# -gt 0 ] && shift
    case $kind in
    native) c=("$cc") ;;
    tsan) c=("$cc"); cf+=(-fsanitize=thread) ;;
    crace) c=(env "CRACE_CC=$cc" "$CRACE_CC_BIN") ;;
    *) echo "realprog_build: bad variant '$v'" >&2; return 1 ;;
    esac
    rm -rf "$dir" && mkdir -p "$dir" || return 1
    for s in "${srcs[@]}"; do
        o="$dir/$(basename "$(dirname "$s")")_$(basename "$s" .c).o"
        "${c[@]}" "${cf[@]}" -c "$s" -o "$o" || return 1
        objs+=("$o")
    done
    "${c[@]}" "${cf[@]}" -o "$dir/$exe" "${objs[@]}" "$@"
}

# realprog_build_all NAME: runs the sourcing script's build VARIANT for every variant, with
# its log in $OUT/build.VARIANT.log; a failed build is announced and its runs fail later.
realprog_build_all() {
    local v
    for v in $VARIANTS; do
        echo "[$1] building $v" >&2
        build "$v" >"$OUT/build.$v.log" 2>&1 ||
            echo "[$1] $v failed to build (see $OUT/build.$v.log)" >&2
    done
}

# The median of the numbers on standard input, one per line.
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }

# timed OUT CMD...: run CMD with /usr/bin/time into OUT/t, append "wall cpu rss" to OUT/reps.
timed() {
    local out=$1 wall u s rss
    shift
    /usr/bin/time -f "%e %U %S %M" -o "$out/t" "$@"
    read -r wall u s rss < <(tail -n 1 "$out/t")
    echo "$wall $(awk -v u="$u" -v s="$s" 'BEGIN { print u + s }') $rss" >>"$out/reps"
}

# reps_line VARIANT OP RACES OK OUT: the medians of OUT/reps as a results line (appended to
# OUT/results and printed).
reps_line() {
    local out=$5
    echo "$1 $2 $(cut -d' ' -f1 "$out/reps" | median) $(cut -d' ' -f2 "$out/reps" | median)" \
        "$(cut -d' ' -f3 "$out/reps" | median) $3 $4" | tee -a "$out/results"
}

# ratio_table RESULTS THREAD_FLAG: per compiler and operation, TSan's and crace's times as
# multiples of native, crace/TSan CPU time and peak RSS (markdown). A row needs all three
# builds (one that failed to build has no results line).
ratio_table() {
    echo "| compiler | op | tsan × (wall) | crace × (wall) | tsan × (CPU) | crace × (CPU) | crace/tsan CPU | crace/tsan RSS |"
    echo "|---|---|---:|---:|---:|---:|---:|---:|"
    awk -v flag="$2" '{ split($1, a, "-"); t[a[2], a[1], $2, "w"] = $3; t[a[2], a[1], $2, "c"] = $4;
           t[a[2], a[1], $2, "r"] = $5; keys[a[2], $2] = 1 }
        END { for (ck in keys) { split(ck, q, SUBSEP); cc = q[1]; k = q[2];
            nw = t[cc, "native", k, "w"]; nc = t[cc, "native", k, "c"]
            if (nw == 0 || nc == 0 || t[cc, "tsan", k, "c"] == 0 || t[cc, "crace", k, "c"] == 0) continue
            name = (substr(k, 1, 1) == "c" ? "compress" : "decompress") (length(k) > 1 ? " " flag " " substr(k, 2) : "")
            printf "| %s | %s | %.1f | %.1f | %.1f | %.1f | %.2f | %.2f |\n", cc, name,
                t[cc, "tsan", k, "w"] / nw, t[cc, "crace", k, "w"] / nw, t[cc, "tsan", k, "c"] / nc,
                t[cc, "crace", k, "c"] / nc, t[cc, "tsan", k, "c"] ? t[cc, "crace", k, "c"] / t[cc, "tsan", k, "c"] : 0,
                t[cc, "tsan", k, "r"] ? t[cc, "crace", k, "r"] / t[cc, "tsan", k, "r"] : 0 } }' "$1" | sort
}

# races_in FILE: the race reports in a run's stderr.
races_in() { grep -c 'WARNING: .*[Dd][Aa][Tt][Aa] [Rr][Aa][Cc][Ee]' "$1"; }
