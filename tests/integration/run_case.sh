#!/usr/bin/env bash
# run_case.sh - build one integration case with crace-cc, run it, and check
# crace's race reports against the expectations written in the case.
#
# Usage: run_case.sh BUILD_DIR COMPILER OPTLEVEL CASE.c
#   BUILD_DIR  the CMake build tree (crace-cc is BUILD_DIR/bin/crace-cc)
#   COMPILER   gcc or clang (passed to crace-cc as CRACE_CC)
#   OPTLEVEL   O0, O2, ... (with or without the leading dash)
#   CASE.c     a file from tests/integration/cases/
#
# Exit status 0 when every expectation holds, 1 otherwise (the case's stderr
# and the list of mismatches are printed), 2 on bad usage or a malformed case.
#
# Directives, one per line, exactly as "// KEY: value" (a line that looks
# like one, e.g. "// REPORT: 2" or " * REPORTS: 2", is an error, and so is a
# second EXPECT, EXIT, REPORTS, RACE-STACK or RACE-ACCESS):
#   EXPECT: race|none|report   required. race: data races (and no other
#                          kind of report); none: no report of any kind, an
#                          empty stderr; report: exactly the reports WARNING
#                          lists (deadlocks, lock misuse, ...).
#   EXIT: N                expected exit status (default: 66 for race and
#                          report, 0 for none).
#   WARNING: TITLE xN      report: exactly N reports whose first line is
#                          "WARNING: TITLE" (repeatable, one per title; any
#                          other WARNING line is a problem).
#   FRAME-LINES: N ...     report: each line N of the case appears as a
#                          frame location "CASE.c:N" in stderr.
#   TIMEOUT: S             kill the run after S seconds (default 60).
#   REPORTS: N             race, required: exactly N reports.
#   RACE-LINES: A B        race, one per report (REPORTS of them): each pair
#                          claims a report of its own whose current access is
#                          at line A and previous access at line B, or the
#                          other way round (innermost frame of each stack). A
#                          line is N (in the case file) or FILE.c:N (a helper
#                          file, e.g. the shared library's source).
#   RACE-FUNCS: f g ...    race: each name is a frame "  f()" of some
#                          report's current or previous stack.
#   RACE-STACK: f g ...    race: in some report, both the current and the
#                          previous stack start with exactly these frames.
#   RACE-ACCESS: K1 K2     race: some report's current access is K1 and its
#                          previous access K2 (read or write).
#   STDERR-HAS: text       stderr contains this text (repeatable); in a
#                          race-free case, the only lines stderr may have
#                          are lines with one of these texts.
#   LINK: name ...         compile name.c (from the case's directory, else
#                          tests/common) with plain COMPILER (no
#                          -fsanitize: invisible to crace) and link it in.
#   CFLAGS: flags ...      extra flags for the case's compile and link.
#   ENV: VAR=value ...     environment of the run (e.g. CRACE_OPTIONS=...).
#   LINK-SHARED: file.c    build cases/file.c with crace-cc -shared -fPIC
#                          into libfile.so and link the case against it.
#   UNSEEN: Tn ...         these threads were not created through a call
#                          crace intercepts: their "created at" block is
#                          "  [not created through pthread_create]".
# Lines calling pthread_create carry a /* CREATE */ comment: every "Thread
# Tn ... created at:" block must point at one of them.
#
# A race-free case (none) must leave stderr empty: no report, no warning, no
# error line from the program (but for lines it expects with STDERR-HAS). A race case runs twice: once with text reports
# (checked against the directives above), once with report_format=json
# (check_json.py: the JSON races must match the directives and be the same
# reports as the text run's; skipped when the case's CRACE_OPTIONS set
# log_path or report_format).
#
# Build products go to BUILD_DIR/tests/work/CASEDIR/COMPILER-OPT/CASE/.

set -u

usage() {
    echo "usage: $0 BUILD_DIR COMPILER OPTLEVEL CASE.c" >&2
    exit 2
}

[ $# -eq 4 ] || usage
build_dir=$1
compiler=$2
opt=${3#-}
case_src=$4

[ -d "$build_dir" ] || { echo "run_case: no build directory $build_dir" >&2; exit 2; }
[ -f "$case_src" ] || { echo "run_case: no case file $case_src" >&2; exit 2; }
case "$opt" in
O*) ;;
*) opt=O$opt ;;
esac

build_dir=$(cd "$build_dir" && pwd)
case_dir=$(cd "$(dirname "$case_src")" && pwd)
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
common_dir=$(cd "$here/../common" && pwd)
case_file=$(basename "$case_src")
case_src=$case_dir/$case_file
name=${case_file%.c}
crace_cc=$build_dir/bin/crace-cc
work=$build_dir/tests/work/$(basename "$case_dir")/$compiler-$opt/$name
label="$name ($compiler -$opt)"
run_timeout=60

problems=()
problem() { problems+=("$*"); }

show_file() { # title file
    echo "--- $1 ---"
    if [ -s "$2" ]; then cat "$2"; else echo "(empty)"; fi
}

finish() {
    if [ ${#problems[@]} -eq 0 ]; then
        echo "PASS: $label"
        exit 0
    fi
    echo "FAIL: $label"
    for p in "${problems[@]}"; do
        echo "  - $p"
    done
    [ -f "$work/build.log" ] && show_file "build log" "$work/build.log"
    [ -f "$work/stdout" ] && show_file "stdout" "$work/stdout"
    [ -f "$work/stderr" ] && show_file "stderr" "$work/stderr"
    [ -f "$work/stderr.json" ] && show_file "stderr of the JSON run" "$work/stderr.json"
    echo "(build products in $work)"
    exit 1
}

# ---------------------------------------------------------------- directives
expect=
exit_want=
reports_want=
race_lines=()
race_funcs=()
race_stack=
race_access=
stderr_has=()
links=()
shared_libs=()
case_cflags=()
case_env=()
unseen=
warnings_want=()
frame_lines=()

bad_case() { # message: the case file itself is wrong
    echo "run_case: $case_file: $*" >&2
    exit 2
}
once() { # key current-value: single-valued directives may appear only once
    [ -z "$2" ] || bad_case "two '// $1:' directives"
}

keys='EXPECT|EXIT|REPORTS|RACE-LINES|RACE-FUNCS|RACE-STACK|RACE-ACCESS|STDERR-HAS|LINK|LINK-SHARED|CFLAGS|ENV|UNSEEN|WARNING|FRAME-LINES|TIMEOUT'
directive_re="^//[[:space:]]*($keys):[[:space:]]*(.*)$"
# Anything that looks like a directive but is not one exactly ("// REPORT: 2",
# "// RACE_LINES: 3 4", "// EXPECTED: race", " * REPORTS: 2" in a block
# comment) would silently check nothing: an error instead. Keys are upper
# case; a lower-case "// name: what the case does" is prose.
lookalike_re='^[[:space:]]*(//|/?\*)[[:space:]]*([A-Z][A-Z0-9_-]*)[[:space:]]*:'
squash() { # key -> without - _ and a final S, for near-miss matching
    local k=${1//[-_]/}
    echo "${k%S}"
}
known_squashed=
for k in ${keys//|/ }; do known_squashed+="$(squash "$k") "; done
lookalike() { # KEY -> 0 when it is a known key, give or take 2 letters at its end
    local q k
    q=$(squash "$1")
    for k in $known_squashed; do
        [[ $q == "$k"* && $((${#q} - ${#k})) -le 2 ]] && return 0
        [[ $k == "$q"* && $((${#k} - ${#q})) -le 2 ]] && return 0
    done
    return 1
}

lineno=0
while IFS= read -r line; do
    lineno=$((lineno + 1))
    if ! [[ $line =~ $directive_re ]]; then
        if [[ $line =~ $lookalike_re ]] && lookalike "${BASH_REMATCH[2]}"; then
            bad_case "line $lineno looks like a directive but is not one (write '// KEY: value' with KEY one of ${keys//|/ }): $line"
        fi
        continue
    fi
    key=${BASH_REMATCH[1]}
    val=${BASH_REMATCH[2]}
    val=${val%"${val##*[![:space:]]}"} # trim trailing blanks
    [ -n "$val" ] || bad_case "line $lineno: '// $key:' without a value"
    case $key in
    EXPECT) once "$key" "$expect" && expect=$val ;;
    EXIT) once "$key" "$exit_want" && exit_want=$val ;;
    REPORTS) once "$key" "$reports_want" && reports_want=$val ;;
    RACE-LINES) race_lines+=("$val") ;;
    RACE-FUNCS) read -ra w <<<"$val" && race_funcs+=("${w[@]}") ;;
    RACE-STACK) once "$key" "$race_stack" && race_stack=$val ;;
    RACE-ACCESS) once "$key" "$race_access" && race_access=$val ;;
    STDERR-HAS) stderr_has+=("$val") ;;
    LINK) read -ra w <<<"$val" && links+=("${w[@]}") ;;
    LINK-SHARED) read -ra w <<<"$val" && shared_libs+=("${w[@]}") ;;
    CFLAGS) read -ra w <<<"$val" && case_cflags+=("${w[@]}") ;;
    ENV) read -ra w <<<"$val" && case_env+=("${w[@]}") ;;
    UNSEEN) unseen+=" $val" ;;
    WARNING) warnings_want+=("$val") ;;
    FRAME-LINES) read -ra w <<<"$val" && frame_lines+=("${w[@]}") ;;
    TIMEOUT) run_timeout=$val ;;
    esac
done <"$case_src"

case "$expect" in
race | report) : "${exit_want:=66}" ;;
none) : "${exit_want:=0}" ;;
*) bad_case "missing or bad '// EXPECT: race|none|report' directive" ;;
esac
[[ $exit_want =~ ^[0-9]+$ ]] || bad_case "bad EXIT: $exit_want"
[[ $run_timeout =~ ^[1-9][0-9]*$ ]] || bad_case "bad TIMEOUT: $run_timeout"
if [ "$expect" = report ]; then
    [ ${#warnings_want[@]} -gt 0 ] || bad_case "EXPECT: report needs at least one '// WARNING: TITLE xN'"
    for w in "${warnings_want[@]}"; do
        [[ $w =~ ^[A-Z].*\ x[0-9]+$ ]] || bad_case "bad WARNING: $w (want 'TITLE xN')"
    done
    [ -z "$reports_want$race_stack$race_access" ] && [ ${#race_lines[@]} -eq 0 ] &&
        [ ${#race_funcs[@]} -eq 0 ] || bad_case "REPORTS and RACE-* directives need EXPECT: race"
elif [ ${#warnings_want[@]} -gt 0 ] || [ ${#frame_lines[@]} -gt 0 ]; then
    bad_case "WARNING and FRAME-LINES directives need EXPECT: report"
elif [ "$expect" = race ]; then
    # Without an exact count, an extra (false) report would go unseen; without
    # a RACE-LINES pair per report, a report's lines would go unchecked.
    [ -n "$reports_want" ] || bad_case "race case without '// REPORTS: N' (the exact number of reports)"
    [[ $reports_want =~ ^[1-9][0-9]*$ ]] || bad_case "bad REPORTS: $reports_want (want a count >= 1)"
    [ ${#race_lines[@]} -eq "$reports_want" ] ||
        bad_case "REPORTS: $reports_want but ${#race_lines[@]} RACE-LINES directive(s): give one pair per report"
    for pair in "${race_lines[@]}"; do
        [[ $pair =~ ^([A-Za-z0-9_.-]+:)?[1-9][0-9]*[[:space:]]+([A-Za-z0-9_.-]+:)?[1-9][0-9]*$ ]] ||
            bad_case "bad RACE-LINES '$pair' (want two lines, each N or file.c:N)"
    done
    if [ -n "$race_access" ] && ! [[ $race_access =~ ^(read|write)[[:space:]]+(read|write)$ ]]; then
        bad_case "bad RACE-ACCESS '$race_access' (want two of read|write)"
    fi
else
    # A race-free case's stderr must be empty (but for the lines STDERR-HAS
    # expects, e.g. glibc's own abort message): these would check nothing.
    [ -z "$reports_want$race_stack$race_access" ] && [ ${#race_lines[@]} -eq 0 ] &&
        [ ${#race_funcs[@]} -eq 0 ] ||
        bad_case "REPORTS and RACE-* directives need EXPECT: race"
fi

# Lines marked /* CREATE */, as " 12 13 ".
create_lines=" $(grep -n '/\* CREATE \*/' "$case_src" | cut -d: -f1 | tr '\n' ' ')"

# --------------------------------------------------------------------- build
if [ ! -x "$crace_cc" ]; then
    problem "crace-cc not found at $crace_cc (build the project first)"
    finish
fi
command -v "$compiler" >/dev/null 2>&1 || { problem "compiler '$compiler' not found"; finish; }

rm -rf "$work"
mkdir -p "$work"
log=$work/build.log
: >"$log"

run_logged() { # command... ; appends the command line and its output to the log
    echo "+ $*" >>"$log"
    "$@" >>"$log" 2>&1
}

extra_objs=()
for l in "${links[@]}"; do
    helper_src=$case_dir/${l%.c}.c
    [ -f "$helper_src" ] || helper_src=$common_dir/${l%.c}.c
    if ! run_logged "$compiler" -O2 -fPIC -I"$case_dir" -I"$common_dir" -c "$helper_src" -o "$work/${l%.c}.o"; then
        problem "building helper ${l%.c}.c (uninstrumented) failed"
        finish
    fi
    extra_objs+=("$work/${l%.c}.o")
done

lib_flags=()
for s in "${shared_libs[@]}"; do
    stem=$(basename "${s%.c}")
    if ! run_logged env CRACE_CC="$compiler" "$crace_cc" -g -"$opt" -shared -fPIC -I"$case_dir" -I"$common_dir" \
        "$case_dir/$stem.c" -o "$work/lib$stem.so"; then
        problem "building shared library lib$stem.so with crace-cc failed"
        finish
    fi
    lib_flags+=(-L"$work" -l"$stem")
done
[ ${#lib_flags[@]} -eq 0 ] || lib_flags+=(-Wl,-rpath,"$work")

if ! run_logged env CRACE_CC="$compiler" "$crace_cc" -g -"$opt" -pthread -I"$case_dir" -I"$common_dir" \
    "${case_cflags[@]}" "$case_src" "${extra_objs[@]}" -o "$work/$name" "${lib_flags[@]}"; then
    problem "building the case with crace-cc failed"
    finish
fi

# ----------------------------------------------------------------------- run
run_case_program() { # stdout-file stderr-file [VAR=value...]: sets $status
    local out=$1 err=$2
    shift 2
    (cd "$work" && exec env "${case_env[@]}" "$@" timeout -k 5 "$run_timeout" "./$name" \
        </dev/null >"$out" 2>"$err")
    status=$?
    if [ $status -eq 124 ] || [ $status -eq 137 ]; then
        problem "timed out after ${run_timeout}s (status $status)"
        finish
    fi
    if [ "$status" != "$exit_want" ]; then
        if [ $status -gt 128 ]; then
            problem "exit status $status (killed by signal $((status - 128))), expected $exit_want"
        else
            problem "exit status $status, expected $exit_want"
        fi
    fi
}

stderr=$work/stderr
run_case_program "$work/stdout" "$stderr"

if [ "$expect" = none ]; then
    # Not only no report: no crace warning of any other kind, no error line
    # from the program (its perror() paths mean something went wrong). The
    # only lines allowed are those STDERR-HAS expects (each must be there).
    other=$stderr
    if [ ${#stderr_has[@]} -gt 0 ]; then
        other=$work/stderr.unexpected
        grep -vF "${stderr_has[@]/#/-e}" "$stderr" >"$other"
        for s in "${stderr_has[@]}"; do
            grep -qF -- "$s" "$stderr" || problem "stderr does not contain '$s'"
        done
    fi
    [ -s "$other" ] &&
        problem "expected an empty stderr for a race-free case ($(grep -c 'WARNING: ' "$stderr") report(s)): $(head -c 300 "$other")"
    finish
fi

nwarn=$(grep -c 'WARNING: DATA RACE' "$stderr")
for s in "${stderr_has[@]}"; do
    grep -qF -- "$s" "$stderr" || problem "stderr does not contain '$s'"
done

# Every "WARNING: TITLE" line, by title: only the kinds the case expects.
titles=$(grep -E '^WARNING: ' "$stderr" | sed 's/^WARNING: //' | sort | uniq -c |
    awk '{n = $1; $1 = ""; print substr($0, 2) "\t" n}')
while IFS=$'\t' read -r title n; do
    [ -n "$title" ] || continue
    if [ "$expect" = race ]; then
        [ "$title" = "DATA RACE" ] || problem "expected only data races, got $n 'WARNING: $title'"
        continue
    fi
    ok=
    for w in "${warnings_want[@]}"; do [ "${w% x*}" = "$title" ] && ok=1; done
    [ -n "$ok" ] || problem "unexpected report kind: $n 'WARNING: $title'"
done <<<"$titles"

if [ "$expect" = report ]; then
    for w in "${warnings_want[@]}"; do
        title=${w% x*}
        want=${w##* x}
        got=$(grep -cxF "WARNING: $title" "$stderr")
        [ "$got" -eq "$want" ] || problem "expected $want 'WARNING: $title' report(s), got $got"
    done
    for l in "${frame_lines[@]}"; do
        grep -qE "^      (.*/)?$case_file:$l( |\$)" "$stderr" || problem "no frame at $case_file:$l in stderr"
    done
    finish
fi

# ----------------------------------------------------------- parse reports
# parse_reports.awk turns stderr into records (documented in its header).
parse_reports() { # stderr-file
    awk -v casefile="$case_file" -v create_lines="$create_lines" -v unseen="$unseen " \
        -f "$here/parse_reports.awk" "$1"
}

records=$work/reports.tsv
parse_reports "$stderr" >"$records"

while IFS=$'\t' read -r tag msg; do
    [ "$tag" = ERR ] && problem "format: $msg"
done <"$records"

nrep=$(grep -c '^REPORT' "$records")
[ "$nrep" -eq "$reports_want" ] || problem "expected exactly $reports_want report(s), got $nrep"
[ "$nwarn" -eq "$nrep" ] || problem "$nwarn 'WARNING: DATA RACE' lines but $nrep well-framed reports"

found=$(awk -F'\t' '$1 == "FOUND" { print $2 }' "$records")
if [ -z "$found" ]; then
    problem "no 'Found N data race(s)' line"
elif [ "$found" != "$nrep" ]; then
    problem "'Found $found data race(s)' but $nrep report(s) printed"
fi
last=$(grep -v '^$' "$stderr" | tail -n 1)
[[ $last =~ ^Found\ [0-9]+\ data\ race\(s\)$ ]] ||
    problem "'Found N data race(s)' is not the last line of stderr"

# Innermost frame of a report's stack: "base-file:line".
top_frame() { # report section
    awk -F'\t' -v n="$1" -v s="$2" '
        $1 == "FRAME" && $2 == n && $3 == s && $4 == 0 {
            k = split($6, p, "/"); print p[k] ":" $7; exit
        }' "$records"
}
stack_funcs() { # report section -> "f g h"
    awk -F'\t' -v n="$1" -v s="$2" '
        $1 == "FRAME" && $2 == n && $3 == s { out = out (out == "" ? "" : " ") $5 }
        END { print out }' "$records"
}
access_kind() { # report section -> "read|write"
    awk -F'\t' -v n="$1" -v s="$2" '$1 == "HDR" && $2 == n && $3 == s { print $4; exit }' "$records"
}
qualify() { # "N" or "file.c:N" -> "file.c:N"
    case $1 in
    *:*) echo "$1" ;;
    *) echo "$case_file:$1" ;;
    esac
}

# Each RACE-LINES pair claims a report of its own (so "12 30" twice needs two
# such reports): with one pair per report, every report's lines are checked.
unclaimed=" $(seq -s ' ' 1 "$nrep") "
tops=
for ((n = 1; n <= nrep; n++)); do
    tops+=" [report $n: $(top_frame $n cur) vs $(top_frame $n prev)]"
done
for pair in "${race_lines[@]}"; do
    read -r a b <<<"$pair"
    a=$(qualify "$a")
    b=$(qualify "$b")
    hit=
    for n in $unclaimed; do
        cur=$(top_frame $n cur)
        prev=$(top_frame $n prev)
        if { [ "$cur" = "$a" ] && [ "$prev" = "$b" ]; } || { [ "$cur" = "$b" ] && [ "$prev" = "$a" ]; }; then
            hit=$n
            break
        fi
    done
    if [ -n "$hit" ]; then
        unclaimed=${unclaimed/ $hit / }
    else
        problem "no (other) report races $a with $b (innermost frames:${tops:- none})"
    fi
done

# A function named by RACE-FUNCS must be a frame of an access's stack (not
# only of a creation or allocation stack).
access_funcs=" $(awk -F'\t' '$1 == "FRAME" && ($3 == "cur" || $3 == "prev") { printf "%s ", $5 }' "$records")"
for f in "${race_funcs[@]}"; do
    [[ $access_funcs == *" $f "* ]] || problem "no frame '$f()' in the access stacks of any report"
done

if [ -n "$race_stack" ]; then
    want=$(echo $race_stack)
    ok=
    got=
    for ((n = 1; n <= nrep; n++)); do
        cur=$(stack_funcs $n cur)
        prev=$(stack_funcs $n prev)
        got+=" [report $n: current: $cur; previous: $prev]"
        [[ "$cur " == "$want "* && "$prev " == "$want "* ]] && ok=1
    done
    [ -n "$ok" ] || problem "no report whose two stacks both start with '$want' (got:$got)"
fi

if [ -n "$race_access" ]; then
    read -r k1 k2 <<<"$race_access"
    ok=
    got=
    for ((n = 1; n <= nrep; n++)); do
        c=$(access_kind $n cur)
        p=$(access_kind $n prev)
        got+=" [report $n: $c/$p]"
        [ "$c" = "$k1" ] && [ "$p" = "$k2" ] && ok=1
    done
    [ -n "$ok" ] || problem "no report with current $k1 and previous $k2 (got:$got)"
fi

if [ "$create_lines" = " " ]; then
    problem "race case has no /* CREATE */ line to check creation stacks against"
fi
ncreated=$(grep -c '^CREATED' "$records")
nthreads=$(awk -F'\t' '$1 == "HDR" && $5 != "main"' "$records" | wc -l)
if [ "$nthreads" -gt 0 ] && [ "$ncreated" -eq 0 ]; then
    problem "no 'Thread Tn (running|finished) created at:' block"
fi

# ------------------------------------------------------------ the JSON run
# The same program with report_format=json: the JSON races must be the text
# reports (same accesses, frames, location, creation stacks) and match the
# directives (check_json.py --case). Skipped when the case's own
# CRACE_OPTIONS redirect or reformat the reports.
json_options=${CRACE_OPTIONS:-}
for e in "${case_env[@]}"; do
    [[ $e == CRACE_OPTIONS=* ]] && json_options=${e#CRACE_OPTIONS=}
done
if ! [[ $json_options =~ (log_path|report_format)= ]]; then
    [ ${#problems[@]} -eq 0 ] || finish # the text run already failed: show it
    json=$work/stderr.json
    run_case_program "$work/stdout.json" "$json" CRACE_OPTIONS="$json_options report_format=json"
    # The program's own lines the case expects (STDERR-HAS) are not JSON:
    # left out, but never a JSON object that happens to contain the text.
    if [ ${#stderr_has[@]} -gt 0 ]; then
        { grep '^{' "$json"; grep -v '^{' "$json" | grep -vF "${stderr_has[@]/#/-e}"; } >"$json.only"
        json=$json.only
    fi
    python3 -S "$here/check_json.py" "$json" --case "$case_src" --text "$records" >"$work/json.check" 2>&1 ||
        problem "JSON run (report_format=json): $(cat "$work/json.check")"
fi

finish
