#!/usr/bin/env bash
# crace benchmark driver: compares crace with ThreadSanitizer built by the same compiler.
#
# usage: tests/bench/run.sh [--build BUILD_DIR] [--reps N] [--programs "a b"]
#                           [--compilers "gcc clang"] [--scale S] [--timeout SECS] [--quick]
#                           [--seed N]
#
# For each compiler, every program is built four ways and run --reps times, each rep running
# every variant once in an order shuffled per rep (seeded by --seed, default random; the seed
# and each rep's order are printed so that a run can be repeated):
#   native     $cc -O2 -g -pthread
#   tsan       $cc -O2 -g -fsanitize=thread             (the compiler's own TSan runtime)
#   tsan_nodl  the tsan binary with TSAN_OPTIONS detect_deadlocks=0 (crace has no deadlock
#              detector yet: the fair comparison)
#   null       $cc -O2 -g -fsanitize=thread, linked with null_runtime.o (instrumentation floor)
#   crace      CRACE_CC=$cc BUILD/bin/crace-cc -O2 -g -pthread
# Prints one markdown table per compiler (medians over the good runs; a cell with failed runs
# says how many) plus a thread-scaling table for local_mem and shared_read.  Scratch files go
# to BUILD/bench-out/.  --scale multiplies every program's work (default 1; --quick: reps 3,
# scale 0.2).  A run longer than --timeout seconds (default 300) is killed and flagged
# FAIL(exit=124).
set -u -o pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)

ALL_PROGRAMS="local_mem compute mutex condvar rwlock atomics threads malloc_churn shared_read stencil"
SCALING_PROGRAMS="local_mem shared_read"
VARIANTS="native tsan tsan_nodl null crace"
# The scaling table's T=1 runs skip tsan_nodl (it would only repeat tsan's scaling).
SCALING_VARIANTS="native tsan null crace"

BUILD="$ROOT/build"
REPS=""
SCALE=""
PROGRAMS="$ALL_PROGRAMS"
COMPILERS="gcc clang"
QUICK=0
TIMEOUT=300
SEED=""

usage() {
    sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
    exit "${1:-0}"
}

while [ $# -gt 0 ]; do
    case "$1" in
    --build) BUILD="$2"; shift 2 ;;
    --build=*) BUILD="${1#*=}"; shift ;;
    --reps) REPS="$2"; shift 2 ;;
    --reps=*) REPS="${1#*=}"; shift ;;
    --programs) PROGRAMS="$2"; shift 2 ;;
    --programs=*) PROGRAMS="${1#*=}"; shift ;;
    --compilers) COMPILERS="$2"; shift 2 ;;
    --compilers=*) COMPILERS="${1#*=}"; shift ;;
    --scale) SCALE="$2"; shift 2 ;;
    --scale=*) SCALE="${1#*=}"; shift ;;
    --timeout) TIMEOUT="$2"; shift 2 ;;
    --timeout=*) TIMEOUT="${1#*=}"; shift ;;
    --seed) SEED="$2"; shift 2 ;;
    --seed=*) SEED="${1#*=}"; shift ;;
    --quick) QUICK=1; shift ;;
    -h | --help) usage 0 ;;
    *) echo "run.sh: unknown argument '$1'" >&2; usage 2 >&2 ;;
    esac
done

if [ "$QUICK" = 1 ]; then
    : "${REPS:=3}" "${SCALE:=0.2}"
else
    : "${REPS:=5}" "${SCALE:=1}"
fi
case "$REPS" in '' | *[!0-9]* | 0) echo "run.sh: bad --reps '$REPS'" >&2; exit 2 ;; esac
case "$TIMEOUT" in '' | *[!0-9]*) echo "run.sh: bad --timeout '$TIMEOUT'" >&2; exit 2 ;; esac
: "${SEED:=$(od -An -N2 -tu2 /dev/urandom | tr -d ' ')}"
case "$SEED" in '' | *[!0-9]*) echo "run.sh: bad --seed '$SEED'" >&2; exit 2 ;; esac
RANDOM=$SEED # bash's generator: the same seed gives the same run orders
awk -v s="$SCALE" 'BEGIN { exit !(s + 0 > 0) }' || { echo "run.sh: bad --scale '$SCALE'" >&2; exit 2; }
for p in $PROGRAMS; do
    [ -f "$HERE/$p.c" ] || { echo "run.sh: no such program: $p" >&2; exit 2; }
done

mkdir -p "$BUILD" || exit 2
BUILD=$(cd "$BUILD" && pwd)
OUT="$BUILD/bench-out"
mkdir -p "$OUT" || exit 2
CRACE_CC_BIN="$BUILD/bin/crace-cc"

log() { echo "[bench] $*" >&2; }

# One benchmark run at a time per output dir: a second run would overwrite this one's
# binaries and results, and two runs on the same 2 cores would spoil each other's timings.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$OUT/.lock"
    if ! flock -n 9; then
        log "another run.sh is using $OUT; waiting for it to finish ..."
        flock 9
    fi
fi

# ---- measuring helper -----------------------------------------------------------------------
MEASURE="$OUT/measure"
MEASURE_MODE=helper
if ! { cc -O2 -o "$MEASURE" "$HERE/measure.c" 2>"$OUT/measure.build.log" ||
    gcc -O2 -o "$MEASURE" "$HERE/measure.c" 2>>"$OUT/measure.build.log"; }; then
    if [ -x /usr/bin/time ]; then
        MEASURE_MODE=gnutime
        log "could not build measure.c, falling back to /usr/bin/time"
    else
        echo "run.sh: cannot build measure.c and /usr/bin/time is missing" >&2
        exit 2
    fi
fi

# run_measured RESULT_FILE STDOUT STDERR cmd args...  -> RESULT_FILE: "secs rss_kib status"
run_measured() {
    local res="$1" out="$2" err="$3"
    shift 3
    if [ "$MEASURE_MODE" = helper ]; then
        "$MEASURE" -t "$TIMEOUT" "$res" "$@" >"$out" 2>"$err"
    else
        if [ "$TIMEOUT" -gt 0 ] && command -v timeout >/dev/null; then
            /usr/bin/time -o "$res" -f "%e %M %x" timeout -s KILL "$TIMEOUT" "$@" >"$out" 2>"$err"
        else
            /usr/bin/time -o "$res" -f "%e %M %x" "$@" >"$out" 2>"$err"
        fi
        # GNU time writes "Command exited with non-zero status N" / signal lines first
        tail -n 1 "$res" >"$res.tmp" && mv "$res.tmp" "$res"
    fi
}

# ---- helpers ----------------------------------------------------------------------------------
median() { # numbers on stdin -> median (empty if none)
    sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit; if (NR % 2) print v[(NR + 1) / 2];
        else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
calc() { awk "BEGIN { $1 }" </dev/null; }
is_scaling() { case " $SCALING_PROGRAMS " in *" $1 "*) return 0 ;; esac; return 1; }

compiler_version() { "$1" --version 2>/dev/null | head -n 1; }

# ---- build ------------------------------------------------------------------------------------
# build_variant CC PROG VARIANT -> 0 if $OUT/$cc/bin/$prog.$variant exists afterwards
build_variant() {
    local cc="$1" prog="$2" v="$3"
    local dir="$OUT/$cc" src="$HERE/$prog.c"
    local exe="$dir/bin/$prog.$v" blog="$dir/logs/build.$prog.$v.log"
    rm -f "$exe"
    case "$v" in
    native) "$cc" -O2 -g -pthread "$src" -o "$exe" ;;
    tsan) "$cc" -O2 -g -fsanitize=thread "$src" -o "$exe" ;;
    null)
        "$cc" -O2 -g -fsanitize=thread -c "$src" -o "$dir/obj/$prog.tsan.o" || return 1
        if [ "$cc" = clang ] || "$cc" --version 2>/dev/null | grep -qi clang; then
            "$cc" -fsanitize=thread -fno-sanitize-link-runtime "$dir/obj/$prog.tsan.o" \
                "$dir/obj/null_runtime.o" -lpthread -o "$exe"
        else
            "$cc" "$dir/obj/$prog.tsan.o" "$dir/obj/null_runtime.o" -lpthread -o "$exe"
        fi
        ;;
    crace)
        [ -x "$CRACE_CC_BIN" ] || { echo "no $CRACE_CC_BIN"; return 1; }
        CRACE_CC="$cc" "$CRACE_CC_BIN" -O2 -g -pthread "$src" -o "$exe"
        ;;
    esac >"$blog" 2>&1
    [ -x "$exe" ]
}

# ---- one compiler -----------------------------------------------------------------------------
REPORT="$OUT/report.md"
: >"$REPORT"
emit() { echo "$*" | tee -a "$REPORT"; }

declare -A AVAIL      # [prog.variant] = 1 if built
declare -A NATIVE_SUM # [prog.threads] = reference checksum
declare -A FLAGS      # [prog.variant.threads] = problems seen

# run_one CC PROG VARIANT THREADS REP
run_one() {
    local cc="$1" prog="$2" v="$3" th="$4" rep="$5"
    local bin=$v
    [ "$v" = tsan_nodl ] && bin=tsan # the same binary, run with the deadlock detector off
    local dir="$OUT/$cc" exe="$OUT/$cc/bin/$prog.$bin"
    local tag="$prog.$v.t$th.r$rep"
    local res="$dir/runs/$tag.res" out="$dir/runs/$tag.out" err="$dir/runs/$tag.err"
    local args=("$SCALE")
    [ "$th" != - ] && args+=("$th")
    case "$v" in
    tsan) TSAN_OPTIONS="${TSAN_OPTIONS:-report_bugs=1}" \
        run_measured "$res" "$out" "$err" "$exe" "${args[@]}" ;;
    tsan_nodl) TSAN_OPTIONS="${TSAN_OPTIONS:-report_bugs=1} detect_deadlocks=0" \
        run_measured "$res" "$out" "$err" "$exe" "${args[@]}" ;;
    *) run_measured "$res" "$out" "$err" "$exe" "${args[@]}" ;;
    esac
    local secs rss status
    read -r secs rss status <"$res" || { secs=""; rss=""; status=999; }
    local sum key="$prog.$v.$th" problems=""
    sum=$(grep -m 1 '^checksum ' "$out" 2>/dev/null)
    [ "$status" = 0 ] || problems+=" FAIL(exit=$status)"
    if [ -z "$sum" ] || [ "$sum" != "${NATIVE_SUM[$prog.$th]:-}" ]; then
        problems+=" MISMATCH"
    fi
    if grep -qiE 'WARNING: ThreadSanitizer|data race' "$err" 2>/dev/null; then
        problems+=" RACE"
    fi
    if [ -n "$problems" ]; then
        case " ${FLAGS[$key]:-} " in *"$problems"*) ;; *) FLAGS[$key]="${FLAGS[$key]:-}$problems" ;; esac
        log "  $cc $tag:$problems (see $err)"
    fi
    local ok=1
    [ -z "$problems" ] || ok=0
    echo "$prog $v $th $rep $secs $rss $status $ok" >>"$dir/results.txt"
}

# med CC PROG VARIANT THREADS FIELD(5=time,6=rss) -> median over the good runs
med() {
    awk -v p="$2" -v v="$3" -v t="$4" -v f="$5" '$1 == p && $2 == v && $3 == t && $8 == 1 { print $f }' \
        "$OUT/$1/results.txt" | median
}

fmt_x() { # value -> "12.34x" or n/a
    [ -n "$1" ] && calc "printf \"%.2fx\", $1" || printf 'n/a'
}
fmt_r() { [ -n "$1" ] && calc "printf \"%.2f\", $1" || printf 'n/a'; }
ratio() { # a b -> a/b or empty
    [ -n "$1" ] && [ -n "$2" ] && calc "if ($2 > 0) printf \"%.6g\", $1 / $2"
}
# nfailed CC PROG VARIANT THREADS -> "K/N" when K of the N runs failed (left out of the
# medians), nothing when all were good
nfailed() {
    awk -v p="$2" -v v="$3" -v t="$4" '$1 == p && $2 == v && $3 == t { n++; if ($8 != 1) k++ }
        END { if (k) printf "%d/%d", k, n }' "$OUT/$1/results.txt"
}
cell() { # text CC PROG VARIANT THREADS -> text, then its problems and failed-run count
    local f="${FLAGS[$3.$4.$5]:-}" k
    k=$(nfailed "$2" "$3" "$4" "$5")
    [ -n "$k" ] && f+=" $k runs failed"
    if [ -n "$f" ]; then printf '%s **%s**' "$1" "$(echo $f)"; else printf '%s' "$1"; fi
}
partial() { # CC PROG THREADS VARIANT... -> " †" when a median of these variants lost runs
    local cc=$1 prog=$2 th=$3 v
    shift 3
    for v in "$@"; do
        [ -n "$(nfailed "$cc" "$prog" "$v" "$th")" ] && { printf ' †'; return; }
    done
}
# shuffle WORDS... -> the words in a random order (Fisher-Yates on bash's seeded RANDOM)
shuffle() {
    local a=("$@") i j t
    for ((i = ${#a[@]} - 1; i > 0; i--)); do
        j=$((RANDOM % (i + 1)))
        t=${a[i]} a[i]=${a[j]} a[j]=$t
    done
    echo "${a[*]}"
}

geomean() { # numbers on stdin (positive) -> geometric mean
    awk '$1 > 0 { s += log($1); n++ } END { if (n) printf "%.6g", exp(s / n) }'
}

run_compiler() {
    local cc="$1"
    local dir="$OUT/$cc"
    rm -rf "$dir"
    mkdir -p "$dir/bin" "$dir/obj" "$dir/logs" "$dir/runs"
    : >"$dir/results.txt"
    AVAIL=()
    NATIVE_SUM=()
    FLAGS=()

    if ! command -v "$cc" >/dev/null 2>&1; then
        emit ""
        emit "## $cc: compiler not found, skipped"
        return
    fi
    log "building with $cc ..."
    local have_null=1
    "$cc" -O2 -mcx16 -c "$HERE/null_runtime.c" -o "$dir/obj/null_runtime.o" \
        >"$dir/logs/build.null_runtime.log" 2>&1 || { have_null=0; log "null_runtime.c failed to build with $cc"; }
    [ -x "$CRACE_CC_BIN" ] || log "no $CRACE_CC_BIN: crace column will be n/a"
    local prog v
    for prog in $PROGRAMS; do
        for v in $VARIANTS; do
            [ "$v" = null ] && [ "$have_null" = 0 ] && continue
            if [ "$v" = tsan_nodl ]; then
                [ -n "${AVAIL[$prog.tsan]:-}" ] && AVAIL[$prog.tsan_nodl]=1
                continue
            fi
            if build_variant "$cc" "$prog" "$v"; then
                AVAIL[$prog.$v]=1
            elif [ "$v" != crace ] || [ -x "$CRACE_CC_BIN" ]; then
                log "  $cc: $prog.$v failed to build (see $dir/logs/build.$prog.$v.log)"
                FLAGS[$prog.$v.build]=" BUILD-FAILED"
            fi
        done
    done

    local rep th
    for prog in $PROGRAMS; do
        if [ -z "${AVAIL[$prog.native]:-}" ]; then
            log "$cc: $prog: native build failed, skipping"
            continue
        fi
        local threads_list="-" runs item order
        is_scaling "$prog" && threads_list="2 1"
        runs=()
        for th in $threads_list; do
            for v in $VARIANTS; do
                [ -n "${AVAIL[$prog.$v]:-}" ] || continue
                [ "$th" = 1 ] && [ "$v" = tsan_nodl ] && continue
                runs+=("$v@$th")
            done
        done
        # The reference checksum, from an untimed native run before the reps (in a shuffled
        # order, native is not always first).
        for th in $threads_list; do
            local args=("$SCALE")
            [ "$th" != - ] && args+=("$th")
            NATIVE_SUM[$prog.$th]=$("$dir/bin/$prog.native" "${args[@]}" 2>/dev/null | grep -m 1 '^checksum ')
            [ -n "${NATIVE_SUM[$prog.$th]}" ] || log "  $cc: $prog: the reference native run printed no checksum"
        done
        for ((rep = 1; rep <= REPS; rep++)); do
            # A fixed order would let a drift of the machine's load (or a variant warming
            # the caches for the next) favour the same variant every rep.
            order=$(shuffle "${runs[@]}")
            log "$cc: $prog rep $rep/$REPS, order: $order"
            for item in $order; do
                run_one "$cc" "$prog" "${item%@*}" "${item#*@}" "$rep"
            done
        done
    done

    # ---- main table ----
    emit ""
    emit "## $cc ($(compiler_version "$cc"))"
    emit ""
    emit "| program | native s | tsan × | tsan-nodl × | null × | crace × | crace/tsan time | crace/tsan-nodl time | tsan RSS MiB | crace RSS MiB | crace/tsan RSS | crace over floor |"
    emit "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    local rows=() ncomplete=0 gcount=0 any_partial=0
    for prog in $PROGRAMS; do
        [ -n "${AVAIL[$prog.native]:-}" ] || continue
        th=-
        is_scaling "$prog" && th=2
        local tn tt td tz tc rt rc
        tn=$(med "$cc" "$prog" native "$th" 5)
        tt=$(med "$cc" "$prog" tsan "$th" 5)
        td=$(med "$cc" "$prog" tsan_nodl "$th" 5)
        tz=$(med "$cc" "$prog" null "$th" 5)
        tc=$(med "$cc" "$prog" crace "$th" 5)
        rt=$(med "$cc" "$prog" tsan "$th" 6)
        rc=$(med "$cc" "$prog" crace "$th" 6)
        local xt xd xz xc ct cd crss floor="" rtm="" rcm=""
        xt=$(ratio "$tt" "$tn")
        xd=$(ratio "$td" "$tn")
        xz=$(ratio "$tz" "$tn")
        xc=$(ratio "$tc" "$tn")
        ct=$(ratio "$tc" "$tt")
        cd=$(ratio "$tc" "$td")
        crss=$(ratio "$rc" "$rt")
        [ -n "$rt" ] && rtm=$(calc "printf \"%.6g\", $rt / 1024")
        [ -n "$rc" ] && rcm=$(calc "printf \"%.6g\", $rc / 1024")
        # (crace - null) / (tsan - null): share of TSan's runtime cost that crace spends;
        # only meaningful when TSan is clearly above the floor (> 10% of native time).
        if [ -n "$tc" ] && [ -n "$tt" ] && [ -n "$tz" ] && [ -n "$tn" ]; then
            floor=$(calc "d = $tt - $tz; if (d > 0.1 * $tn) printf \"%.6g\", ($tc - $tz) / d")
        fi
        local ntxt p_ct p_cd p_rss p_floor
        ntxt=$( [ -n "$tn" ] && calc "printf \"%.3f\", $tn" || printf 'n/a')
        # a ratio built on a median that lost runs is marked too
        p_ct=$(partial "$cc" "$prog" "$th" tsan crace)
        p_cd=$(partial "$cc" "$prog" "$th" tsan_nodl crace)
        p_rss=$p_ct
        p_floor=$(partial "$cc" "$prog" "$th" native tsan null crace)
        [ -n "$p_floor$(partial "$cc" "$prog" "$th" tsan_nodl)" ] && any_partial=1
        emit "| $prog | $(cell "$ntxt" "$cc" "$prog" native "$th") | $(cell "$(fmt_x "$xt")" "$cc" "$prog" tsan "$th") | $(cell "$(fmt_x "$xd")" "$cc" "$prog" tsan_nodl "$th") | $(cell "$(fmt_x "$xz")" "$cc" "$prog" null "$th") | $(cell "$(fmt_x "$xc")" "$cc" "$prog" crace "$th") | $(fmt_r "$ct")$p_ct | $(fmt_r "$cd")$p_cd | $( [ -n "$rtm" ] && calc "printf \"%.1f\", $rtm" || printf 'n/a') | $( [ -n "$rcm" ] && calc "printf \"%.1f\", $rcm" || printf 'n/a') | $(fmt_r "$crss")$p_rss | $(fmt_r "$floor")$p_floor |"
        # complete = every variant has a time; the geomean row only uses complete rows when
        # there are any (so that all its columns cover the same programs)
        local complete=0
        [ -n "$xt" ] && [ -n "$xd" ] && [ -n "$xz" ] && [ -n "$xc" ] && complete=1
        rows+=("$complete|$tn|$xt|$xd|$xz|$xc|$ct|$cd|$rtm|$rcm|$crss|$floor")
        [ "$complete" = 1 ] && ncomplete=$((ncomplete + 1))
    done
    # one newline-separated list of values per column, for the geomeans
    local row c col
    local -a g=()
    for row in "${rows[@]}"; do
        IFS='|' read -r c rest <<<"$row"
        if [ "$ncomplete" -gt 0 ] && [ "$c" != 1 ]; then
            continue
        fi
        IFS='|' read -ra vals <<<"$rest"
        for col in 0 1 2 3 4 5 6 7 8 9 10; do
            g[col]+="${vals[col]:-}"$'\n'
        done
        gcount=$((gcount + 1))
    done
    gm() { printf '%s' "$1" | geomean; }
    local gv=()
    for col in 0 1 2 3 4 5 6 7 8 9 10; do
        gv[col]=$(gm "${g[col]:-}")
    done
    local glabel="**geomean**"
    [ "$ncomplete" -gt 0 ] && [ "$ncomplete" -lt "${#rows[@]}" ] && glabel="**geomean** ($gcount with crace)"
    emit "| $glabel | $( [ -n "${gv[0]}" ] && calc "printf \"%.3f\", ${gv[0]}" || printf 'n/a') | $(fmt_x "${gv[1]}") | $(fmt_x "${gv[2]}") | $(fmt_x "${gv[3]}") | $(fmt_x "${gv[4]}") | $(fmt_r "${gv[5]}") | $(fmt_r "${gv[6]}") | $( [ -n "${gv[7]}" ] && calc "printf \"%.1f\", ${gv[7]}" || printf 'n/a') | $( [ -n "${gv[8]}" ] && calc "printf \"%.1f\", ${gv[8]}" || printf 'n/a') | $(fmt_r "${gv[9]}") | $(fmt_r "${gv[10]}") |"
    if [ "$any_partial" = 1 ]; then
        emit ""
        emit "**K/N runs failed**: K of the cell's N runs failed and are left out of its median."
        emit "† a ratio built on such a median. The geomeans include them."
    fi

    # ---- scaling table ----
    local any=0
    for prog in $SCALING_PROGRAMS; do
        case " $PROGRAMS " in *" $prog "*) any=1 ;; esac
    done
    if [ "$any" = 1 ]; then
        emit ""
        emit "Scaling ($cc): same total work W; T=1 runs W on one thread, T=2 runs W/2 on each of two."
        emit "time(T=2)/time(T=1): 0.50 = perfect scaling on 2 cores, 1.00 = no speed-up."
        emit ""
        emit "| program | variant | T=1 s | T=2 s | T=2/T=1 |"
        emit "|---|---|---:|---:|---:|"
        for prog in $SCALING_PROGRAMS; do
            case " $PROGRAMS " in *" $prog "*) ;; *) continue ;; esac
            [ -n "${AVAIL[$prog.native]:-}" ] || continue
            for v in $SCALING_VARIANTS; do
                local t1 t2 s1 s2
                if [ -z "${AVAIL[$prog.$v]:-}" ]; then
                    emit "| $prog | $v | n/a | n/a | n/a |"
                    continue
                fi
                t1=$(med "$cc" "$prog" "$v" 1 5)
                t2=$(med "$cc" "$prog" "$v" 2 5)
                s1=$( [ -n "$t1" ] && calc "printf \"%.3f\", $t1" || printf 'n/a')
                s2=$( [ -n "$t2" ] && calc "printf \"%.3f\", $t2" || printf 'n/a')
                local p
                p=$(partial "$cc" "$prog" 1 "$v")$(partial "$cc" "$prog" 2 "$v")
                emit "| $prog | $v | $(cell "$s1" "$cc" "$prog" "$v" 1) | $(cell "$s2" "$cc" "$prog" "$v" 2) | $(fmt_r "$(ratio "$t2" "$t1")")${p:+ †} |"
            done
        done
    fi

    # ---- problems ----
    local k
    if [ "${#FLAGS[@]}" -gt 0 ]; then
        emit ""
        emit "Problems ($cc):"
        for k in $(printf '%s\n' "${!FLAGS[@]}" | sort); do
            case "$k" in
            *.build) emit "- ${k%.build}: build failed (log: $dir/logs/build.${k%.build}.log)" ;;
            *) emit "- $k:$(echo " ${FLAGS[$k]}" | tr -s ' ') (logs: $dir/runs/)" ;;
            esac
        done
    fi
}

# ---- main -------------------------------------------------------------------------------------
START=$(date +%s)
emit "# crace benchmark"
emit ""
emit "- date: $(date -u '+%Y-%m-%d %H:%M UTC'), host cores: $(nproc 2>/dev/null || echo '?'), load avg at start: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null)"
emit "- commit: $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), reps: $REPS (medians), scale: $SCALE"
emit "- seed: $SEED (each rep runs the variants in a shuffled order; --seed $SEED repeats the orders)"
emit "- crace-cc: $( [ -x "$CRACE_CC_BIN" ] && echo "$CRACE_CC_BIN" || echo "not found ($CRACE_CC_BIN)")"
emit "- columns: native median wall time; tsan/tsan-nodl/null/crace × = slowdown vs native (tsan-nodl:"
emit "  TSan with detect_deadlocks=0, as crace has no deadlock detector); crace/tsan time and RSS ="
emit "  ratios of medians (< 1 means crace is better); crace over floor = (crace - null) / (tsan - null),"
emit "  i.e. crace's runtime cost as a fraction of TSan's once the instrumentation floor (null) is removed."
emit "- n/a = variant missing or failed to build; FAIL / MISMATCH / RACE = bad exit status / checksum"
emit "  differs from native / race report on stderr; such runs are left out of the medians and the"
emit "  cell says how many (K/N runs failed); † marks a ratio built on such a median."
for cc in $COMPILERS; do
    run_compiler "$cc"
done
emit ""
emit "(total wall time of this benchmark run: $(($(date +%s) - START)) s; report saved to $REPORT)"
