#!/usr/bin/env bash
# run.sh - build a small project with crace the way a user's build system
# would, from an installed crace, run its programs and check the verdicts.
#
# Usage: run.sh BUILD_DIR KIND COMPILER
#   BUILD_DIR  crace's CMake build tree; it is installed into a temporary
#              prefix first (cmake --install BUILD_DIR --prefix TMP)
#   KIND       make | pkg-config | autotools | meson | cmake-compiler | cmake-package
#   COMPILER   gcc or clang (the C++ compiler is g++ or clang++)
#
# The projects live beside this script (make/, autotools/, meson/, cmake/)
# and share the sources in src/ (static library, shared library linked and
# dlopen'ed, an uninstrumented third-party library calling back, C++).
# Racy programs must report their race (exit 66, a frame in the function
# that races); race_free must be silent. Exit 0 when all holds, 1 otherwise,
# 77 (skipped) when the build system is not installed.

set -u

(($# == 3)) || {
    echo "usage: $0 BUILD_DIR KIND COMPILER" >&2
    exit 2
}
build=$(cd "$1" && pwd) || exit 2
kind=$2
cc=$3
case $cc in
gcc) cxx=g++ ;;
clang) cxx=clang++ ;;
*) cxx=$cc ;;
esac
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

need() {
    local t
    for t in "$@"; do
        command -v "$t" >/dev/null 2>&1 || {
            echo "SKIP: $t is not installed"
            exit 77
        }
    done
}
need "$cc" "$cxx" cmake make
case $kind in
pkg-config) need pkg-config ;;
autotools) need autoreconf autoconf automake ;;
meson) need meson ninja ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crace-buildsys.XXXXXX") || exit 2
trap 'rm -rf -- "$tmp"' EXIT
prefix=$tmp/prefix
log=$tmp/log

pass=0
fail=0
ok() {
    ((pass++))
    echo "ok   $kind/$cc: $*"
}
bad() {
    ((fail++))
    echo "FAIL $kind/$cc: $*"
}
step() { # description command... : run, log; on failure show the log and stop
    local what=$1
    shift
    if ! "$@" >"$log" 2>&1; then
        bad "$what failed: $*"
        tail -n 40 "$log"
        finish
    fi
}
finish() {
    echo "$pass passed, $fail failed"
    ((fail == 0))
    exit $?
}

# expect_race PROGRAM FUNCTION: exit 66, a report with a frame in FUNCTION.
expect_race() {
    local prog=$1 fn=$2 st
    "$prog" >"$tmp/out" 2>"$tmp/err"
    st=$?
    if ((st == 66)) && grep -q 'WARNING: DATA RACE' "$tmp/err" && grep -q "^  $fn(" "$tmp/err"; then
        ok "$(basename "$prog"): race reported in $fn"
    else
        bad "$(basename "$prog"): expected a race in $fn (exit $st)"
        head -n 40 "$tmp/err"
    fi
}

# expect_clean PROGRAM: exit 0, nothing on stderr.
expect_clean() {
    local prog=$1 st
    "$prog" >"$tmp/out" 2>"$tmp/err"
    st=$?
    if ((st == 0)) && [[ ! -s $tmp/err ]]; then
        ok "$(basename "$prog"): silent"
    else
        bad "$(basename "$prog"): expected no report (exit $st)"
        head -n 40 "$tmp/err"
    fi
}

# Symbol checks: instrumented code calls __tsan_func_entry; only an
# executable defines it (the runtime); shared objects never carry it.
calls_tsan() { nm -D "$1" 2>/dev/null | grep -q ' U __tsan_func_entry$' || nm "$1" 2>/dev/null | grep -q ' U __tsan_func_entry$'; }
defines_tsan() { nm -D --defined-only "$1" 2>/dev/null | grep -q ' __tsan_func_entry$'; }
expect_plain_so() {
    if calls_tsan "$1" || defines_tsan "$1"; then bad "$(basename "$1") should be uninstrumented"; else ok "$(basename "$1") uninstrumented"; fi
}
expect_instrumented_so() {
    if calls_tsan "$1" && ! defines_tsan "$1"; then
        ok "$(basename "$1") instrumented, without a runtime"
    else
        bad "$(basename "$1") should call the hooks and not carry the runtime"
    fi
}

step "installing crace" cmake --install "$build" --prefix "$prefix"
export PATH=$prefix/bin:$PATH
export CRACE_CC=$cc CRACE_CXX=$cxx
proj=$tmp/project
mkdir -p "$proj"
cp -r "$here/src" "$proj/src"

case $kind in
make)
    mkdir -p "$proj/out"
    cd "$proj/out" || exit 2
    step "make" make -f "$here/make/Makefile" SRC=../src CC=crace-cc CXX=crace-c++ PLAIN_CC="$cc"
    expect_race ./race_static counter_add
    expect_race ./race_shared shared_add
    expect_race ./race_dlopen shared_add
    expect_race ./race_callback bump_from_callback
    expect_race ./race_cxx counter_add
    expect_clean ./race_free
    expect_instrumented_so libshared.so
    expect_plain_so libthird.so
    ;;
pkg-config)
    export PKG_CONFIG_PATH=$(dirname "$(find "$prefix" -name crace.pc | head -n 1)")
    cd "$proj" || exit 2
    # pkg-config's Cflags are the flags crace-cc adds to a compile; they
    # cannot know the compiler, so they keep gcc's -fno-builtin-* (needed by
    # gcc, harmless for clang, which crace-cc does not give them to)
    flags='^-(fsanitize|fno-builtin|D__CRACE__)'
    [[ $cc == *clang* ]] && flags='^-(fsanitize|D__CRACE__)'
    want=$(CRACE_DRY_RUN=1 crace-cc -c src/counter.c | tr ' ' '\n' | grep -E "$flags" | sort)
    got=$(pkg-config --cflags crace | tr ' ' '\n' | grep -E "$flags" | sort)
    if [[ $want == "$got" ]]; then ok "pkg-config --cflags matches crace-cc"; else bad "pkg-config --cflags differs from crace-cc: [$got] vs [$want]"; fi
    read -r -a cflags <<<"$(pkg-config --cflags crace)"
    read -r -a libs <<<"$(pkg-config --libs crace)"
    step "compile" "$cc" -g "${cflags[@]}" -Isrc -c src/race_static.c src/counter.c
    step "link" "$cc" race_static.o counter.o "${libs[@]}" -o race_static
    expect_race ./race_static counter_add
    step "compile C++" "$cxx" -g "${cflags[@]}" -Isrc -c src/race.cpp
    step "link C++" "$cxx" race.o counter.o "${libs[@]}" -o race_cxx
    expect_race ./race_cxx counter_add
    ;;
autotools)
    cp "$here/autotools/configure.ac" "$here/autotools/Makefile.am" "$proj/"
    cd "$proj" || exit 2
    step "autoreconf" autoreconf -i
    step "configure" ./configure CC=crace-cc CXX=crace-c++
    if grep -qE 'undefined reference|multiple definition|crace-c?c?\+?\+?: ' config.log; then
        bad "a configure test failed because of crace (config.log)"
        grep -nE 'undefined reference|multiple definition|crace-c?c?\+?\+?: ' config.log | head
    else
        ok "configure: every test compiled and linked through the wrappers"
    fi
    for v in ac_cv_func_pthread_create ac_cv_func_malloc ac_cv_func_sigaction ac_cv_func_dlopen; do
        if grep -q "^$v=yes" config.log; then ok "configure found ${v#ac_cv_func_}"; else bad "configure: $v is not yes"; fi
    done
    step "make" make
    expect_race ./race_static counter_add
    expect_race ./race_cxx counter_add
    ;;
meson)
    cp "$here/meson/meson.build" "$proj/"
    cd "$proj" || exit 2
    step "meson setup" env CC=crace-cc CXX=crace-c++ meson setup out
    step "ninja" ninja -C out
    expect_race out/race_static counter_add
    expect_race out/race_shared shared_add
    expect_race out/race_cxx counter_add
    expect_instrumented_so out/libshared.so
    ;;
cmake-compiler)
    step "cmake configure" cmake -S "$here/cmake" -B "$proj/out" -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_C_COMPILER=crace-cc -DCMAKE_CXX_COMPILER=crace-c++
    step "cmake build" cmake --build "$proj/out"
    cd "$proj/out" || exit 2
    expect_race ./race_static counter_add
    expect_race ./race_shared shared_add
    expect_race ./race_dlopen shared_add
    expect_race ./race_callback bump_from_callback
    expect_race ./race_cxx counter_add
    expect_clean ./race_free
    ;;
cmake-package)
    step "cmake configure" cmake -S "$here/cmake" -B "$proj/out" -DCMAKE_BUILD_TYPE=Debug \
        -DCMAKE_C_COMPILER="$cc" -DCMAKE_CXX_COMPILER="$cxx" -DUSE_CRACE_PACKAGE=ON \
        -DCMAKE_PREFIX_PATH="$prefix"
    step "cmake build" cmake --build "$proj/out"
    cd "$proj/out" || exit 2
    expect_race ./race_static counter_add
    expect_race ./race_shared shared_add
    expect_race ./race_dlopen shared_add
    expect_race ./race_callback bump_from_callback
    expect_race ./race_cxx counter_add
    expect_clean ./race_free
    expect_clean ./plain_static
    expect_instrumented_so libshared.so
    expect_plain_so libthird.so
    if ldd ./race_static | grep -q libtsan; then bad "race_static links libtsan"; else ok "no libtsan"; fi
    if calls_tsan ./plain_static; then bad "plain_static is instrumented"; else ok "plain_static is not instrumented"; fi
    ;;
*)
    echo "run.sh: unknown KIND $kind" >&2
    exit 2
    ;;
esac
finish
