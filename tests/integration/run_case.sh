#!/usr/bin/env bash
# run_case.sh - build one integration case with crace-cc, run it, and check
# crace's race reports against the expectations written in the case.
#
# Usage: run_case.sh BUILD_DIR COMPILER OPTLEVEL CASE.c|CASE.cpp
#   BUILD_DIR  the CMake build tree (crace-cc is BUILD_DIR/bin/crace-cc)
#   COMPILER   gcc or clang (passed to crace-cc as CRACE_CC)
#   OPTLEVEL   O0, O2, ... (with or without the leading dash)
#   CASE.c     a file from tests/integration/cases/ or a corpus directory.
#              A CASE.cpp is C++: built with crace-c++ and the matching C++
#              compiler (CRACE_CXX=g++ for gcc, clang++ for clang); helpers
#              named in LINK/LINK-SHARED are C or C++ by their extension.
#
# Exit status 0 when every expectation holds, 1 otherwise (the case's stderr
# and the list of mismatches are printed), 2 on bad usage.
#
# Directives, one per line in the case's header, exactly as "// KEY: value":
#   EXPECT: race|none      required.
#   EXIT: N                expected exit status (default: 66 for race, 0 for
#                          none).
#   REPORTS: N             race: exactly N reports (default: at least 1).
#   RACE-LINES: A B        race: some report's current access is at line A
#                          and its previous access at line B, or the other
#                          way round (innermost frame of each stack, below
#                          a C++ operator new/delete frame). A line
#                          is N (in the case file) or FILE.c:N (a helper
#                          file, e.g. the shared library's source).
#                          Repeatable: every pair must be found.
#   RACE-FUNCS: f g ...    race: each name appears as a frame "  f()"; a name
#                          with a parameter list (a demangled C++ name such
#                          as ns::f(int)) appears as written.
#   RACE-STACK: f g ...    race: in some report, both the current and the
#                          previous stack start with exactly these frames.
#   RACE-ACCESS: K1 K2     race: some report's current access is K1 and its
#                          previous access K2 (read or write).
#   STDERR-HAS: text       stderr contains this text (repeatable).
#   LINK: name ...         compile name.c or name.cpp (from the case's
#                          directory, else tests/common) with plain COMPILER (no
#                          -fsanitize: invisible to crace) and link it in.
#   CFLAGS: flags ...      extra flags for the case's compile and link.
#   ENV: VAR=value ...     environment of the run (e.g. CRACE_OPTIONS=...).
#   LINK-SHARED: file.c    build file.c (or file.cpp, with crace-c++) from
#                          the case's directory with crace-cc -shared -fPIC
#                          into libfile.so and link the case against it.
# Lines calling pthread_create carry a /* CREATE */ comment: every "Thread
# Tn ... created at:" block must point at one of them.
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
common_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")/../common" && pwd)
case_file=$(basename "$case_src")
case_src=$case_dir/$case_file
name=${case_file%.*}
crace_cc=$build_dir/bin/crace-cc
crace_cxx=$build_dir/bin/crace-c++
case $compiler in
gcc) cxx_compiler=g++ ;;
clang) cxx_compiler=clang++ ;;
*) cxx_compiler=$compiler ;;
esac
# The wrapper and compiler for a source file, by its extension.
is_cxx() { [[ $1 == *.cpp || $1 == *.cc || $1 == *.cxx ]]; }
wrap_for() { # file -> "env CRACE_..=.. wrapper" in the array WRAP
    if is_cxx "$1"; then WRAP=(env CRACE_CXX="$cxx_compiler" "$crace_cxx"); else WRAP=(env CRACE_CC="$compiler" "$crace_cc"); fi
}
plain_for() { # file -> the uninstrumented compiler in PLAIN
    if is_cxx "$1"; then PLAIN=$cxx_compiler; else PLAIN=$compiler; fi
}
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

directive_re='^//[[:space:]]*(EXPECT|EXIT|REPORTS|RACE-LINES|RACE-FUNCS|RACE-STACK|RACE-ACCESS|STDERR-HAS|LINK|LINK-SHARED|CFLAGS|ENV):[[:space:]]*(.*)$'
while IFS= read -r line; do
    [[ $line =~ $directive_re ]] || continue
    key=${BASH_REMATCH[1]}
    val=${BASH_REMATCH[2]}
    val=${val%"${val##*[![:space:]]}"} # trim trailing blanks
    case $key in
    EXPECT) expect=$val ;;
    EXIT) exit_want=$val ;;
    REPORTS) reports_want=$val ;;
    RACE-LINES) race_lines+=("$val") ;;
    RACE-FUNCS) read -ra w <<<"$val" && race_funcs+=("${w[@]}") ;;
    RACE-STACK) race_stack=$val ;;
    RACE-ACCESS) race_access=$val ;;
    STDERR-HAS) stderr_has+=("$val") ;;
    LINK) read -ra w <<<"$val" && links+=("${w[@]}") ;;
    LINK-SHARED) read -ra w <<<"$val" && shared_libs+=("${w[@]}") ;;
    CFLAGS) read -ra w <<<"$val" && case_cflags+=("${w[@]}") ;;
    ENV) read -ra w <<<"$val" && case_env+=("${w[@]}") ;;
    esac
done <"$case_src"

case "$expect" in
race) : "${exit_want:=66}" ;;
none) : "${exit_want:=0}" ;;
*)
    echo "run_case: $case_file: missing or bad '// EXPECT: race|none' directive" >&2
    exit 2
    ;;
esac
[[ $exit_want =~ ^[0-9]+$ ]] || { echo "run_case: bad EXIT: $exit_want" >&2; exit 2; }
[ -z "$reports_want" ] || [[ $reports_want =~ ^[0-9]+$ ]] ||
    { echo "run_case: bad REPORTS: $reports_want" >&2; exit 2; }

# Lines marked /* CREATE */, as " 12 13 ".
create_lines=" $(grep -n '/\* CREATE \*/' "$case_src" | cut -d: -f1 | tr '\n' ' ')"

# --------------------------------------------------------------------- build
if [ ! -x "$crace_cc" ]; then
    problem "crace-cc not found at $crace_cc (build the project first)"
    finish
fi
command -v "$compiler" >/dev/null 2>&1 || { problem "compiler '$compiler' not found"; finish; }
if is_cxx "$case_file"; then
    command -v "$cxx_compiler" >/dev/null 2>&1 || { problem "compiler '$cxx_compiler' not found"; finish; }
fi

rm -rf "$work"
mkdir -p "$work"
log=$work/build.log
: >"$log"

run_logged() { # command... ; appends the command line and its output to the log
    echo "+ $*" >>"$log"
    "$@" >>"$log" 2>&1
}

extra_objs=()
find_src() { # stem -> the first of DIR/stem.c, DIR/stem.cpp over the case's and the common directory
    local d e
    for d in "$case_dir" "$common_dir"; do
        for e in c cpp; do
            [ -f "$d/$1.$e" ] && { echo "$d/$1.$e"; return; }
        done
    done
    echo "$case_dir/$1.c"
}

for l in "${links[@]}"; do
    stem=${l%.c}
    helper_src=$(find_src "${stem%.cpp}")
    plain_for "$helper_src"
    if ! run_logged "$PLAIN" -O2 -fPIC -I"$case_dir" -I"$common_dir" -c "$helper_src" -o "$work/${stem%.cpp}.o"; then
        problem "building helper $(basename "$helper_src") (uninstrumented) failed"
        finish
    fi
    extra_objs+=("$work/${stem%.cpp}.o")
done

lib_flags=()
for s in "${shared_libs[@]}"; do
    stem=$(basename "${s%.c}")
    stem=${stem%.cpp}
    lib_src=$(find_src "$stem")
    wrap_for "$lib_src"
    if ! run_logged "${WRAP[@]}" -g -"$opt" -shared -fPIC -I"$case_dir" -I"$common_dir" \
        "$lib_src" -o "$work/lib$stem.so"; then
        problem "building shared library lib$stem.so with crace-cc failed"
        finish
    fi
    lib_flags+=(-L"$work" -l"$stem")
done
[ ${#lib_flags[@]} -eq 0 ] || lib_flags+=(-Wl,-rpath,"$work")

wrap_for "$case_file"
if ! run_logged "${WRAP[@]}" -g -"$opt" -pthread -I"$case_dir" -I"$common_dir" \
    "${case_cflags[@]}" "$case_src" "${extra_objs[@]}" -o "$work/$name" "${lib_flags[@]}"; then
    problem "building the case with crace-cc failed"
    finish
fi

# ----------------------------------------------------------------------- run
(cd "$work" && exec env "${case_env[@]}" timeout -k 5 "$run_timeout" "./$name" </dev/null >"$work/stdout" 2>"$work/stderr")
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

stderr=$work/stderr
nwarn=$(grep -c 'WARNING: DATA RACE' "$stderr")

for s in "${stderr_has[@]}"; do
    grep -qF -- "$s" "$stderr" || problem "stderr does not contain '$s'"
done

if [ "$expect" = none ]; then
    [ "$nwarn" -eq 0 ] || problem "expected no race, got $nwarn 'WARNING: DATA RACE' report(s)"
    if grep -qE '^Found [0-9]+ data race' "$stderr"; then
        problem "expected no race, but stderr has a 'Found N data race(s)' line"
    fi
    finish
fi

# ----------------------------------------------------------- parse reports
# Turns stderr into tab-separated records:
#   REPORT n
#   HDR    n cur|prev read|write main|Tk
#   FRAME  n cur|prev|Tk idx function file line
#   CREATED n Tk running|finished first-case-frame-line|-
#   FOUND  N
#   ERR    message          (structure does not match the report format)
#   NOTE   message          (unrecognized line inside a report, not an error)
parse_reports() {
    awk -v casefile="$case_file" -v create_lines="$create_lines" '
    function err(msg) { print "ERR\t" msg }
    function basename(p,   n, parts) { n = split(p, parts, "/"); return parts[n] }
    function is_real(f, l) { return f != "" && f != "??" && l > 0 }
    function start_section(s) {
        sec = s; nframes[sec] = 0; pending = ""
    }
    function end_report(   t, k) {
        if (pending != "")
            err("report " nrep ": frame \"" pending "()\" has no location line")
        if (!("cur" in seen))
            err("report " nrep ": no \"Read|Write at 0x... by ...:\" line")
        else if (nframes["cur"] == 0)
            err("report " nrep ": current access has no stack frames")
        if (!("prev" in seen))
            err("report " nrep ": no \"Previous read|write at 0x... by ...:\" section")
        else if (real["prev"] == 0)
            err("report " nrep ": previous access has no real stack frame (function and file:line)")
        for (t in threads)
            if (!(t in created))
                err("report " nrep ": no \"Thread " t " (running|finished) created at:\" block")
        for (t in created) {
            if (!(t in threads))
                err("report " nrep ": \"created at\" block for " t ", which is neither access'"'"'s thread")
            if (nframes[t] == 0)
                err("report " nrep ": \"Thread " t " ... created at:\" block has no frames")
            else if (!(t in createline))
                err("report " nrep ": creation stack of " t " has no frame in " casefile)
            else if (index(create_lines, " " createline[t] " ") == 0)
                err("report " nrep ": creation stack of " t " points at " casefile ":" createline[t] \
                    ", which is not a /* CREATE */ line (those are:" create_lines ")")
            print "CREATED\t" nrep "\t" t "\t" cstate[t] "\t" ((t in createline) ? createline[t] : "-")
        }
    }
    # "main", or "Tn" from "... by thread Tn ..."
    function thread_of(line) {
        if (line ~ / by main thread/) return "main"
        match(line, / by thread T[0-9]+/)
        return substr(line, RSTART + 11, RLENGTH - 11)
    }
    BEGIN { state = "out"; nrep = 0; nfound = 0 }
    /^==================$/ {
        if (state == "in") { end_report(); state = "out" }
        else if (state == "open") err("two \"==================\" lines without \"WARNING: DATA RACE\" between them")
        else state = "open"
        next
    }
    state == "open" {
        if ($0 == "WARNING: DATA RACE") {
            nrep++; state = "in"; sec = ""; pending = ""
            split("", seen); split("", nframes); split("", real); split("", threads)
            split("", created); split("", createline); split("", cstate)
            print "REPORT\t" nrep
            next
        }
        err("\"==================\" not followed by \"WARNING: DATA RACE\" (got: " $0 ")")
        state = "out"
    }
    state == "out" {
        if (index($0, "WARNING: DATA RACE"))
            err("\"WARNING: DATA RACE\" outside a ================== block")
        if ($0 ~ /^Found [0-9]+ data race\(s\)$/) {
            nfound++; print "FOUND\t" $2
        } else if ($0 ~ /^Found .*data race/)
            err("malformed summary line: " $0)
        next
    }
    # ---- inside a report
    # "Write at 0x... by thread T2:", optionally "Atomic read", a thread
    # name ("thread T2 \"worker\"") and " (free)" for a free
    /^(Atomic read|Atomic write|Read|Write) at 0x[0-9a-fA-F]+ by (main thread|thread T[0-9]+( "[^"]*")?)( \(free\))?:$/ {
        if ("cur" in seen) err("report " nrep ": two current-access lines")
        if ("prev" in seen) err("report " nrep ": current access after the previous one")
        if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
        start_section("cur"); seen["cur"] = 1
        kind = ($0 ~ /^(Atomic read|Read)/) ? "read" : "write"
        thr = thread_of($0)
        if (thr != "main") threads[thr] = 1
        print "HDR\t" nrep "\tcur\t" kind "\t" thr
        next
    }
    /^Previous (atomic )?(read|write) at 0x[0-9a-fA-F]+ by (main thread|thread T[0-9]+( "[^"]*")?)( \(free\))?:$/ {
        if ("prev" in seen) err("report " nrep ": two previous-access lines")
        if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
        start_section("prev"); seen["prev"] = 1
        kind = ($0 ~ /^Previous (atomic )?read/) ? "read" : "write"
        thr = thread_of($0)
        if (thr != "main") threads[thr] = 1
        print "HDR\t" nrep "\tprev\t" kind "\t" thr
        next
    }
    # "Location is heap block ... allocated by ...:" and its stack, or a
    # one-line "Location is global/stack/TLS/file descriptor ...": a section of its own
    /^Location is (heap block of size [0-9]+ at 0x[0-9a-fA-F]+ allocated by (main thread|thread T[0-9]+):|global '"'"'[^'"'"']+'"'"' of size [0-9]+ at 0x[0-9a-fA-F]+( \(.*:[0-9]+\))?|stack of (main thread|thread T[0-9]+)|TLS of (main thread|thread T[0-9]+)|file descriptor [0-9]+)$/ {
        if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
        if ("loc" in seen) err("report " nrep ": two Location lines")
        start_section("loc"); seen["loc"] = 1
        next
    }
    /^Location is / { err("report " nrep ": malformed Location line: " $0); next }
    /^Thread T[0-9]+( "[^"]*")? \((running|finished)\) created at:$/ {
        if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
        t = $2
        if (t in created) err("report " nrep ": two \"created at\" blocks for " t)
        created[t] = 1
        cstate[t] = ($0 ~ /\(running\) created at:$/) ? "running" : "finished"
        start_section(t)
        next
    }
    # "  f()" (C), or a demangled C++ name with its parameters "  ns::f(int) const"
    /^  [^ ].*\)[^()]*$/ {
        if (sec == "") { err("report " nrep ": frame before any access line: " $0); next }
        if (pending != "") err("report " nrep ": frame \"" pending "()\" has no location line")
        pending = substr($0, 3)
        sub(/\(\)$/, "", pending)
        next
    }
    # "file:line +0xOFF", or "module+0xADDR" alone for a symbol-less frame
    /^      [^ ].* \+0x[0-9a-fA-F]+$/ || /^      [^ ]+\+0x[0-9a-fA-F]+$/ {
        if (pending == "") { err("report " nrep ": location line without a function line: " $0); next }
        loc = substr($0, 7)
        sub(/ \+0x[0-9a-fA-F]+$/, "", loc)
        file = loc; line = 0
        if (match(loc, /:[0-9]+$/)) {
            file = substr(loc, 1, RSTART - 1); line = substr(loc, RSTART + 1) + 0
        }
        idx = nframes[sec]++
        if (is_real(pending, line)) real[sec]++
        print "FRAME\t" nrep "\t" sec "\t" idx "\t" pending "\t" file "\t" line
        if ((sec in created) && !(sec in createline) && basename(file) == casefile)
            createline[sec] = line
        pending = ""
        next
    }
    /^$/ {
        if (pending != "") { err("report " nrep ": frame \"" pending "()\" has no location line"); pending = "" }
        next
    }
    { print "NOTE\treport " nrep ": unrecognized line: " $0 }
    END {
        if (state == "in") err("report " nrep " is not closed by ==================")
        if (state == "open") err("\"==================\" at end of output without a report")
        if (nfound > 1) err(nfound " \"Found N data race(s)\" lines")
    }
    ' "$stderr"
}

records=$work/reports.tsv
parse_reports >"$records"

while IFS=$'\t' read -r tag msg; do
    [ "$tag" = ERR ] && problem "format: $msg"
done <"$records"

nrep=$(grep -c '^REPORT' "$records")
if [ "$nrep" -eq 0 ]; then
    problem "expected a race, but no report was printed"
elif [ -n "$reports_want" ] && [ "$nrep" -ne "$reports_want" ]; then
    problem "expected exactly $reports_want report(s), got $nrep"
fi
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

# Innermost frame of a report's stack: "base-file:line". A C++ operator
# new or delete on top (the allocation's or free's own frame) is skipped:
# the program's line is the one below it.
top_frame() { # report section
    awk -F'\t' -v n="$1" -v s="$2" '
        $1 == "FRAME" && $2 == n && $3 == s && $5 !~ /^operator (new|delete)/ {
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

for pair in "${race_lines[@]}"; do
    read -r a b extra <<<"$pair"
    if [ -z "$b" ] || [ -n "${extra:-}" ]; then
        problem "bad RACE-LINES directive '$pair' (want two lines)"
        continue
    fi
    a=$(qualify "$a")
    b=$(qualify "$b")
    ok=
    tops=
    for ((n = 1; n <= nrep; n++)); do
        cur=$(top_frame $n cur)
        prev=$(top_frame $n prev)
        tops+=" [report $n: ${cur:-?} vs ${prev:-?}]"
        if { [ "$cur" = "$a" ] && [ "$prev" = "$b" ]; } || { [ "$cur" = "$b" ] && [ "$prev" = "$a" ]; }; then
            ok=1
        fi
    done
    [ -n "$ok" ] || problem "no report races $a with $b (innermost frames:${tops:- none})"
done

for f in "${race_funcs[@]}"; do
    want="  $f()"
    [[ $f == *"("* ]] && want="  $f"
    grep -qFx -- "$want" "$stderr" || problem "no frame '$want' in any report"
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

finish
