#!/usr/bin/env bash
# Tests for the crace-cc compiler wrapper's argument handling.
#
# Usage: test_cc_wrapper.sh BUILD_DIR
#
# Needs no working runtime: most checks use CRACE_DRY_RUN=1 against a fake
# CRACE_LIBDIR; the real-compilation checks compile with -c / -shared only,
# plus one link against a stub runtime built here.  Checks for a compiler
# that is not installed (gcc or clang) are skipped.

set -u

if (($# != 1)); then
  echo "usage: $0 BUILD_DIR" >&2
  exit 2
fi
build=$(cd "$1" && pwd) || exit 2
W=$build/bin/crace-cc
if [[ ! -x $W ]]; then
  echo "FAIL: $W is missing or not executable" >&2
  echo "0 passed, 1 failed"
  exit 1
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/crace-cc-test.XXXXXX") || exit 2
trap 'rm -rf -- "$work"' EXIT
cd "$work" || exit 2

unset CRACE_VERBOSE CRACE_DRY_RUN CRACE_INCLUDEDIR
mkdir -p fakelib
: >fakelib/libcrace.a
: >fakelib/libcrace.dynlist
export CRACE_LIBDIR=$work/fakelib

pass=0
fail=0
ok() {
  ((pass++))
  printf 'ok   %s\n' "$1"
}
bad() {
  ((fail++))
  printf 'FAIL %s\n' "$1"
  shift
  local l
  for l in "$@"; do printf '       %s\n' "$l"; done
}

have() { command -v "$1" >/dev/null 2>&1; }
COMPILERS=()
have gcc && COMPILERS+=(gcc)
have clang && COMPILERS+=(clang)
((${#COMPILERS[@]})) || echo "note: neither gcc nor clang found; most checks skipped"

# dry CC ARGS...: run the wrapper in dry-run mode; sets OUT (stdout), ERR,
# RC and LINES (array of printed commands).
dry() {
  local cc=$1
  shift
  OUT=$(CRACE_CC=$cc CRACE_DRY_RUN=1 "$W" "$@" 2>"$work/err")
  RC=$?
  ERR=$(<"$work/err")
  LINES=()
  [[ -n $OUT ]] && mapfile -t LINES <<<"$OUT"
}

# Word-level matching on a printed command line (words separated by spaces,
# so " W " is matched with padding).
has() { [[ " $1 " == *" $2 "* ]]; }
hasnt() { ! has "$1" "$2"; }
count() {
  local line=" $1 " w=" $2 " c=0
  while [[ $line == *"$w"* ]]; do
    line=${line#*"$w"}
    line=" $line"
    ((c++))
  done
  echo "$c"
}
# index of word $2 in line $1 (by position), -1 if absent
pos() {
  local -a ws
  read -r -a ws <<<"$1"
  local i
  for i in "${!ws[@]}"; do
    [[ ${ws[i]} == "$2" ]] && {
      echo "$i"
      return
    }
  done
  echo -1
}
pos_glob() {
  local -a ws
  read -r -a ws <<<"$1"
  local i
  for i in "${!ws[@]}"; do
    # shellcheck disable=SC2053
    [[ ${ws[i]} == $2 ]] && {
      echo "$i"
      return
    }
  done
  echo -1
}

printf 'int main(void) { return 0; }\n' >main.c
printf 'int g; int f(void) { return g++; }\n' >f.c
printf 'int h(int *p) { return *p; }\n' >lib.c

# ---------------------------------------------------------------------------
# Dry-run checks (argument handling)
# ---------------------------------------------------------------------------
for cc in "${COMPILERS[@]}"; do
  # compile only
  dry "$cc" -g -O1 -c f.c -o f.o
  l=${LINES[0]-}
  # gcc: -fno-builtin-mem* keep constant-size copies calls (gcc expands them
  # after its tsan pass, unchecked); clang's tsan pass turns what is left into
  # calls itself, and the flags would only stop memcpy(&v, p, 2) from being a
  # plain (checked) load: none for clang.
  if [[ $cc == *clang* ]]; then
    builtins_ok() { [[ $1 != *-fno-builtin* ]]; }
  else
    builtins_ok() { has "$1" -fno-builtin-memcpy && has "$1" -fno-builtin-memset &&
      has "$1" -fno-builtin-memmove; }
  fi
  if ((RC == 0 && ${#LINES[@]} == 1)) && has "$l" -fsanitize=thread && builtins_ok "$l" &&
    has "$l" -D__CRACE__=1 && has "$l" -c &&
    has "$l" f.c && has "$l" -o && has "$l" f.o && [[ $l != *libcrace* ]] &&
    [[ ${l%% *} == "$cc" ]]; then
    ok "$cc: -c adds -fsanitize=thread (and -fno-builtin-mem* for gcc only)"
  else
    bad "$cc: -c adds -fsanitize=thread (and -fno-builtin-mem* for gcc only)" "rc=$RC" "$OUT" "$ERR"
  fi

  dry "$cc" -S f.c
  if ((RC == 0)) && has "${LINES[0]-}" -fsanitize=thread && has "${LINES[0]-}" -S; then
    ok "$cc: -S adds -fsanitize=thread"
  else
    bad "$cc: -S adds -fsanitize=thread" "$OUT" "$ERR"
  fi

  # user already passes -fsanitize=thread: not duplicated
  dry "$cc" -fsanitize=thread -c f.c
  if ((RC == 0)) && [[ $(count "${LINES[0]-}" -fsanitize=thread) == 1 ]]; then
    ok "$cc: user -fsanitize=thread is not duplicated"
  else
    bad "$cc: user -fsanitize=thread is not duplicated" "$OUT"
  fi

  # -E, -M, -MM: no instrumentation flags
  for m in -E -M -MM; do
    dry "$cc" "$m" f.c
    l=${LINES[0]-}
    if ((RC == 0 && ${#LINES[@]} == 1)) && has "$l" "$m" && has "$l" f.c &&
      [[ $l != *-fsanitize* && $l != *-fno-builtin* && $l != *libcrace* ]]; then
      ok "$cc: $m passes through without -fsanitize"
    else
      bad "$cc: $m passes through without -fsanitize" "$OUT" "$ERR"
    fi
  done

  # informational modes: exactly untouched
  for args in "--version" "-v" "-dumpversion" "-dumpmachine" "-print-file-name=libc.so" "-print-search-dirs"; do
    # shellcheck disable=SC2086
    dry "$cc" $args
    if ((RC == 0)) && [[ $OUT == "$cc $args" ]]; then
      ok "$cc: $args is untouched"
    else
      bad "$cc: $args is untouched" "got: $OUT" "$ERR"
    fi
  done

  # -static is refused when linking
  dry "$cc" -static f.c main.c -o prog
  if ((RC == 1)) && [[ -z $OUT && $ERR == "crace-cc: -static is not supported (the runtime intercepts libc dynamically)" ]]; then
    ok "$cc: -static link is an error"
  else
    bad "$cc: -static link is an error" "rc=$RC" "$OUT" "$ERR"
  fi
  dry "$cc" -static -c f.c
  if ((RC == 0)) && has "${LINES[0]-}" -fsanitize=thread; then
    ok "$cc: -static with -c is fine"
  else
    bad "$cc: -static with -c is fine" "rc=$RC" "$OUT" "$ERR"
  fi

  # argument with a space survives (quoted in the printed command)
  dry "$cc" -c "-DMSG=hello world" f.c
  if ((RC == 0)) && [[ ${LINES[0]-} == *" '-DMSG=hello world' "* ]]; then
    ok "$cc: argument with a space is kept as one word"
  else
    bad "$cc: argument with a space is kept as one word" "$OUT"
  fi

  # link-only: runtime after the user's args
  dry "$cc" main.o f.o -o prog -lm
  l=${LINES[0]-}
  pm=$(pos "$l" -lm)
  pa=$(pos_glob "$l" "*/fakelib/libcrace.a")
  if ((RC == 0 && ${#LINES[@]} == 1 && pm >= 0 && pa > pm)) &&
    has "$l" --whole-archive && has "$l" --no-whole-archive &&
    has "$l" "--dynamic-list=$work/fakelib/libcrace.dynlist" && has "$l" -ldw &&
    has "$l" -lelf && has "$l" -lpthread && has "$l" -ldl && hasnt "$l" -fsanitize=thread; then
    ok "$cc: link-only adds the runtime after user libraries"
  else
    bad "$cc: link-only adds the runtime after user libraries" "$OUT" "$ERR"
  fi

  # missing runtime: clear error naming the path
  OUT=$(CRACE_CC=$cc CRACE_DRY_RUN=1 CRACE_LIBDIR=$work/nolib "$W" main.o -o prog 2>&1)
  RC=$?
  if ((RC == 1)) && [[ $OUT == "crace-cc: runtime library not found: $work/nolib/libcrace.a"* && $OUT != *$'\n'* ]]; then
    ok "$cc: missing libcrace.a is reported with its path"
  else
    bad "$cc: missing libcrace.a is reported with its path" "rc=$RC" "$OUT"
  fi
done

if have gcc; then
  # gcc compile-and-link: split
  dry gcc -g -O1 -DX=1 -Iinc main.c -L. -lfoo f.c -o prog -lm -Wl,--as-needed
  c1=${LINES[0]-} c2=${LINES[1]-} lk=${LINES[2]-}
  o1=$(pos_glob "$lk" "*/0-main.o")
  o2=$(pos_glob "$lk" "*/1-f.o")
  lf=$(pos "$lk" -lfoo)
  if ((RC == 0 && ${#LINES[@]} == 3)) &&
    has "$c1" -fsanitize=thread && has "$c1" -c && has "$c1" main.c && hasnt "$c1" f.c &&
    has "$c1" -DX=1 && has "$c1" -Iinc && has "$c1" -g && has "$c1" -O1 &&
    hasnt "$c1" -lfoo && hasnt "$c1" -lm && hasnt "$c1" -L. && hasnt "$c1" prog &&
    [[ $c1 != *-Wl,* ]] && has "$c2" -fsanitize=thread && has "$c2" f.c && hasnt "$c2" main.c &&
    hasnt "$lk" -fsanitize=thread && hasnt "$lk" main.c && hasnt "$lk" f.c &&
    ((o1 >= 0 && lf > o1 && o2 > lf)) && has "$lk" -o && has "$lk" prog && has "$lk" -lm &&
    ((pos_rt = $(pos_glob "$lk" "*/libcrace.a"), pos_rt > $(pos "$lk" -lm))); then
    ok "gcc: compile+link splits into per-source compiles and one link without -fsanitize"
  else
    bad "gcc: compile+link splits into per-source compiles and one link without -fsanitize" "$OUT" "$ERR"
  fi

  # gcc: -shared links no runtime, no -fsanitize at link
  dry gcc -shared -fPIC lib.c -o libx.so
  if ((RC == 0 && ${#LINES[@]} == 2)) && has "${LINES[0]}" -fsanitize=thread &&
    has "${LINES[0]}" -fPIC && hasnt "${LINES[0]}" -shared &&
    has "${LINES[1]}" -shared && hasnt "${LINES[1]}" -fsanitize=thread &&
    [[ $OUT != *libcrace* ]]; then
    ok "gcc: -shared instruments sources and links no libcrace.a"
  else
    bad "gcc: -shared instruments sources and links no libcrace.a" "$OUT" "$ERR"
  fi

  # gcc link-only with user -fsanitize=thread (e.g. from LDFLAGS): stripped
  dry gcc -fsanitize=thread,undefined main.o -o prog
  if ((RC == 0 && ${#LINES[@]} == 1)) && [[ ${LINES[0]} != *sanitize=thread* && ${LINES[0]} != *,thread* ]] &&
    has "${LINES[0]}" -fsanitize=undefined; then
    ok "gcc: -fsanitize=thread is stripped from the link"
  else
    bad "gcc: -fsanitize=thread is stripped from the link" "$OUT"
  fi

  # -x c applies to the following files; link step has no -x
  dry gcc -x c code.txt -x none main.o -o prog
  if ((RC == 0 && ${#LINES[@]} == 2)) && [[ ${LINES[0]} == *" -x c code.txt"* ]] &&
    [[ ${LINES[1]} != *" -x "* ]] && has "${LINES[1]}" main.o; then
    ok "gcc: -x c sources are split out; link step has no -x"
  else
    bad "gcc: -x c sources are split out; link step has no -x" "$OUT"
  fi

  # -ofile joined form
  dry gcc f.c main.c -oprog
  if ((RC == 0 && ${#LINES[@]} == 3)) && hasnt "${LINES[0]}" -oprog && has "${LINES[2]}" -oprog; then
    ok "gcc: -ofile is kept only in the link step"
  else
    bad "gcc: -ofile is kept only in the link step" "$OUT"
  fi

  # -Xlinker ARG dropped from compile
  dry gcc f.c -Xlinker -Map=out.map -o prog
  if ((RC == 0)) && hasnt "${LINES[0]}" -Xlinker && hasnt "${LINES[0]}" -Map=out.map &&
    has "${LINES[1]}" -Map=out.map; then
    ok "gcc: -Xlinker ARG is kept only in the link step"
  else
    bad "gcc: -Xlinker ARG is kept only in the link step" "$OUT"
  fi

  # dependency flags: single source keeps them with gcc's default names
  dry gcc -MMD -MP f.c -o out/prog
  if ((RC == 0)) && has "${LINES[0]}" -MMD && has "${LINES[0]}" -MP &&
    [[ ${LINES[0]} == *" -MF out/prog.d "* && ${LINES[0]} == *" -MT out/prog "* ]] &&
    hasnt "${LINES[1]}" -MMD; then
    ok "gcc: -MMD with one source writes out/prog.d"
  else
    bad "gcc: -MMD with one source writes out/prog.d" "$OUT"
  fi
  dry gcc -MD -MF deps.d f.c main.c -o prog
  if ((RC == 0 && ${#LINES[@]} == 3)) && [[ $OUT != *-MD* && $OUT != *-MF* ]]; then
    ok "gcc: dependency flags dropped with several sources"
  else
    bad "gcc: dependency flags dropped with several sources" "$OUT"
  fi

  # -flto: compile steps get -fno-lto with gcc
  dry gcc -flto -O2 -c f.c
  if ((RC == 0)) && has "${LINES[0]}" -fno-lto; then
    ok "gcc: -flto compile gets -fno-lto"
  else
    bad "gcc: -flto compile gets -fno-lto" "$OUT"
  fi

  # response files: sources inside are split out; object-only files untouched
  printf '%s\n' "-DFROM_RSP=1" "'f.c'" >src.rsp
  dry gcc @src.rsp main.o -o prog
  if ((RC == 0 && ${#LINES[@]} == 2)) && has "${LINES[0]}" -DFROM_RSP=1 &&
    has "${LINES[0]}" f.c && hasnt "${LINES[1]}" @src.rsp && has "${LINES[1]}" main.o; then
    ok "gcc: sources inside an @file are split out"
  else
    bad "gcc: sources inside an @file are split out" "$OUT" "$ERR"
  fi
  printf 'main.o f.o\n' >objs.rsp
  dry gcc @objs.rsp -o prog
  if ((RC == 0 && ${#LINES[@]} == 1)) && has "${LINES[0]}" @objs.rsp; then
    ok "gcc: object-only @file is passed through untouched"
  else
    bad "gcc: object-only @file is passed through untouched" "$OUT"
  fi
  printf '%s\n' "-c f.c" >c.rsp
  dry gcc @c.rsp
  if ((RC == 0 && ${#LINES[@]} == 1)) && has "${LINES[0]}" @c.rsp &&
    has "${LINES[0]}" -fsanitize=thread && [[ ${LINES[0]} != *libcrace* ]]; then
    ok "gcc: -c inside an @file is seen (compile mode)"
  else
    bad "gcc: -c inside an @file is seen (compile mode)" "$OUT"
  fi
fi

if have clang; then
  dry clang -g -O1 main.c f.c -o prog -lm
  l=${LINES[0]-}
  if ((RC == 0 && ${#LINES[@]} == 1)) && has "$l" -fsanitize=thread &&
    has "$l" -fno-sanitize-link-runtime && has "$l" main.c && has "$l" f.c &&
    ((pos_rt = $(pos_glob "$l" "*/libcrace.a"), pos_rt > $(pos "$l" -lm))); then
    ok "clang: compile+link is one command with -fno-sanitize-link-runtime"
  else
    bad "clang: compile+link is one command with -fno-sanitize-link-runtime" "$OUT" "$ERR"
  fi

  dry clang -shared -fPIC lib.c -o libx.so
  if ((RC == 0 && ${#LINES[@]} == 1)) && has "${LINES[0]}" -fsanitize=thread &&
    has "${LINES[0]}" -fno-sanitize-link-runtime && [[ $OUT != *libcrace* ]]; then
    ok "clang: -shared links no libcrace.a"
  else
    bad "clang: -shared links no libcrace.a" "$OUT" "$ERR"
  fi

  dry clang -fsanitize=thread main.o -o prog
  if ((RC == 0)) && has "${LINES[0]}" -fno-sanitize-link-runtime; then
    ok "clang: link-only neutralises user -fsanitize=thread"
  else
    bad "clang: link-only neutralises user -fsanitize=thread" "$OUT"
  fi
fi

# unknown compiler
OUT=$(CRACE_CC=no-such-compiler-xyz "$W" -c f.c 2>&1)
RC=$?
if ((RC == 127)) && [[ $OUT == *"compiler not found: no-such-compiler-xyz"* ]]; then
  ok "missing compiler is reported"
else
  bad "missing compiler is reported" "rc=$RC" "$OUT"
fi

# ---------------------------------------------------------------------------
# Real compilation (no runtime needed)
# ---------------------------------------------------------------------------
tsan_undef() { nm "$1" 2>/dev/null | grep -Eq '^ +U __tsan_func_entry$'; }
no_libtsan() { ! readelf -d "$1" 2>/dev/null | grep -q 'libtsan'; }

mkdir -p "dir with space" tmp
cat >"dir with space/s p.c" <<'EOF'
#include <string.h>
_Static_assert(sizeof(MSG) == 4, "MSG must be \"a b\"");
#ifndef __CRACE__
#error __CRACE__ not defined
#endif
int counter;
void bump(char *d, const char *s) { counter++; memcpy(d, s, 16); }
EOF
cat >bad.c <<'EOF'
int broken( { return 0; }
EOF

for cc in "${COMPILERS[@]}"; do
  rm -f f.o
  if CRACE_CC=$cc "$W" -g -O1 -c f.c -o f.o && tsan_undef f.o; then
    ok "$cc: real -c object references __tsan_func_entry"
  else
    bad "$cc: real -c object references __tsan_func_entry"
  fi

  ERR=$(CRACE_CC=$cc CRACE_VERBOSE=1 "$W" -c f.c -o f2.o 2>&1)
  if [[ $ERR == "crace-cc: $cc -fsanitize=thread "* ]]; then
    ok "$cc: CRACE_VERBOSE=1 prints the command"
  else
    bad "$cc: CRACE_VERBOSE=1 prints the command" "$ERR"
  fi

  # compile+link of a shared object: exercises the gcc split for real,
  # a path with spaces and a -D value with a space.
  rm -rf tmp/* "lib$cc.so"
  if TMPDIR=$work/tmp CRACE_CC=$cc "$W" -O1 -fPIC -shared "-DMSG=\"a b\"" \
    "dir with space/s p.c" -o "lib$cc.so" && tsan_undef "lib$cc.so" &&
    no_libtsan "lib$cc.so" && [[ -z $(ls -A tmp) ]]; then
    ok "$cc: real -shared build: instrumented, no libtsan, spaces survive, temp dir removed"
  else
    bad "$cc: real -shared build: instrumented, no libtsan, spaces survive, temp dir removed" \
      "$(ls -A tmp)"
  fi
  # the constant-size memcpy stays an (interceptable) call: gcc through
  # -fno-builtin-memcpy, clang through its tsan pass
  if nm "lib$cc.so" 2>/dev/null | grep -Eq ' U (__tsan_)?memcpy(@|$)'; then
    ok "$cc: constant-size memcpy is not inlined"
  else
    bad "$cc: constant-size memcpy is not inlined" "$(nm "lib$cc.so" 2>&1 | grep -i mem)"
  fi

  # exit status of a failing compile is the compiler's
  CRACE_CC=$cc "$W" -c bad.c -o bad.o 2>/dev/null
  RC=$?
  $cc -c bad.c -o bad.o 2>/dev/null
  RC2=$?
  if ((RC != 0 && RC == RC2)); then
    ok "$cc: failing compile returns the compiler's status ($RC)"
  else
    bad "$cc: failing compile returns the compiler's status" "crace-cc=$RC $cc=$RC2"
  fi
done

if have gcc; then
  # gcc split with -MD: the .d file lands where plain gcc would put it
  mkdir -p out
  rm -f out/*
  if CRACE_CC=gcc "$W" -MD -fPIC -shared f.c -o out/libf.so && [[ -f out/libf.d ]] &&
    grep -q '^out/libf.so:' out/libf.d; then
    ok "gcc: real -MD compile+link writes out/libf.d with target out/libf.so"
  else
    bad "gcc: real -MD compile+link writes out/libf.d with target out/libf.so" \
      "$(ls out)" "$(cat out/*.d 2>/dev/null)"
  fi

  # a compiler without -fsanitize=thread gets a clear message
  cat >nosan-cc <<'EOF'
#!/bin/sh
for a in "$@"; do
  case $a in -fsanitize=*) echo "nosan-cc: unknown option $a" >&2; exit 1 ;; esac
done
exec gcc "$@"
EOF
  chmod +x nosan-cc
  ERR=$(CRACE_CC=$work/nosan-cc "$W" -c f.c -o f3.o 2>&1)
  RC=$?
  if ((RC == 1)) && [[ $ERR == *"crace-cc: $work/nosan-cc does not support -fsanitize=thread (set CRACE_CC to gcc or clang)"* ]]; then
    ok "compiler without -fsanitize=thread is reported clearly"
  else
    bad "compiler without -fsanitize=thread is reported clearly" "rc=$RC" "$ERR"
  fi
fi

# Full link against a stub runtime (not the real one): checks the link line
# is accepted by the linker and no libtsan sneaks in.
if have gcc; then
  mkdir -p stublib
  cat >stub.c <<'EOF'
#include <stddef.h>
void __tsan_init(void) {}
void __tsan_func_entry(void *pc) { (void)pc; }
void __tsan_func_exit(void) {}
#define RW(n) void __tsan_read##n(void *a) { (void)a; } \
              void __tsan_write##n(void *a) { (void)a; } \
              void __tsan_unaligned_read##n(void *a) { (void)a; } \
              void __tsan_unaligned_write##n(void *a) { (void)a; }
RW(1) RW(2) RW(4) RW(8) RW(16)
void __tsan_read_range(void *a, size_t n) { (void)a; (void)n; }
void __tsan_write_range(void *a, size_t n) { (void)a; (void)n; }
EOF
  printf '{\n  __tsan_*;\n};\n' >stublib/libcrace.dynlist
  if gcc -c -fPIC stub.c -o stub.o && ar rcs stublib/libcrace.a stub.o; then
    printf 'extern int f(void);\nint main(void) { f(); return f() == 1 ? 0 : 1; }\n' >m.c
    for cc in "${COMPILERS[@]}"; do
      rm -f "prog-$cc"
      if CRACE_LIBDIR=$work/stublib CRACE_CC=$cc "$W" -g -O1 m.c f.c -o "prog-$cc" -lm &&
        "./prog-$cc" && no_libtsan "prog-$cc" &&
        nm "prog-$cc" | grep -Eq ' T __tsan_func_entry$' &&
        nm -D "prog-$cc" | grep -q '__tsan_func_entry'; then
        ok "$cc: compile+link against a stub runtime runs, exports __tsan_*, no libtsan"
      else
        bad "$cc: compile+link against a stub runtime runs, exports __tsan_*, no libtsan"
      fi
    done
  else
    bad "building the stub runtime"
  fi
fi

# ---------------------------------------------------------------------------
# crace-c++, --version, refused flags, -shared and --no-undefined
# ---------------------------------------------------------------------------
WXX=$build/bin/crace-c++
if [[ ! -x $WXX ]]; then
  bad "crace-c++ is missing next to crace-cc"
else
  have_cxx() { command -v "$1" >/dev/null 2>&1; }
  for cxx in g++ clang++; do
    have_cxx "$cxx" || continue
    OUT=$(CRACE_CXX=$cxx CRACE_DRY_RUN=1 "$WXX" -O1 -c f.c -o f.o 2>"$work/err")
    RC=$?
    if ((RC == 0)) && [[ ${OUT%% *} == "$cxx" ]] && has "$OUT" -fsanitize=thread && has "$OUT" -D__CRACE__=1; then
      ok "crace-c++: CRACE_CXX=$cxx compiles with $cxx, instrumented"
    else
      bad "crace-c++: CRACE_CXX=$cxx compiles with $cxx, instrumented" "$OUT" "$(<"$work/err")"
    fi
    OUT=$(CRACE_CXX=$cxx CRACE_DRY_RUN=1 "$WXX" f.o main.o -o prog 2>"$work/err")
    if [[ ${OUT%% *} == "$cxx" && $OUT == *"--whole-archive $CRACE_LIBDIR/libcrace.a"* ]]; then
      ok "crace-c++: links with $cxx and the runtime"
    else
      bad "crace-c++: links with $cxx and the runtime" "$OUT"
    fi
  done
  OUT=$(env -u CRACE_CXX CRACE_CC=gcc CRACE_DRY_RUN=1 "$WXX" -c f.c 2>&1)
  if [[ ${OUT%% *} == c++ ]]; then ok "crace-c++: default compiler is c++ (CRACE_CC ignored)"; else bad "crace-c++: default compiler is c++" "$OUT"; fi
  OUT=$(CRACE_CXX=$WXX "$WXX" -c f.c 2>&1)
  RC=$?
  if ((RC == 1)) && [[ $OUT == "crace-c++: CRACE_CXX resolves to a crace wrapper itself"* ]]; then
    ok "crace-c++: CRACE_CXX=crace-c++ is refused"
  else
    bad "crace-c++: CRACE_CXX=crace-c++ is refused" "rc=$RC" "$OUT"
  fi
  OUT=$(crace_lang=c++ CRACE_CC=gcc CRACE_DRY_RUN=1 "$W" -c f.c 2>&1)
  if [[ ${OUT%% *} == gcc ]]; then ok "crace-cc ignores crace_lang from the environment"; else bad "crace-cc ignores crace_lang" "$OUT"; fi
fi

for cc in "${COMPILERS[@]}"; do
  OUT=$(CRACE_CC=$cc "$W" --version 2>&1)
  last=$(printf '%s\n' "$OUT" | tail -n 1)
  first=$(printf '%s\n' "$OUT" | head -n 1)
  real_first=$("$cc" --version 2>&1 | head -n 1)
  if [[ $first == "$real_first" && $last =~ ^crace-cc\ \(crace\)\ [0-9]+\.[0-9]+\.[0-9]+,\ compiling\ with\ $cc\ \(/.*\)$ ]]; then
    ok "$cc: --version shows the compiler's text, then crace's version and the compiler"
  else
    bad "$cc: --version shows the compiler's text, then crace's version" "$OUT"
  fi
  for flag in -fsanitize=address -fsanitize=memory -fsanitize=leak -fsanitize=undefined,address -m32 -mx32; do
    for mode in -c link; do
      if [[ $mode == -c ]]; then dry "$cc" "$flag" -c f.c; else dry "$cc" "$flag" f.c main.c -o prog; fi
      if ((RC == 1)) && [[ -z $OUT && $ERR == "crace-cc: $flag "* && $ERR != *$'\n'* ]]; then
        ok "$cc: $flag ($mode) is refused in one line naming it"
      else
        bad "$cc: $flag ($mode) is refused in one line naming it" "rc=$RC" "$OUT" "$ERR"
      fi
    done
  done
  dry "$cc" -fsanitize=undefined -c f.c
  if ((RC == 0)) && has "${LINES[0]-}" -fsanitize=undefined; then ok "$cc: -fsanitize=undefined passes"; else bad "$cc: -fsanitize=undefined passes" "$ERR"; fi
  dry "$cc" -static-libstdc++ main.c -o prog
  if ((RC == 1)) && [[ $ERR == "crace-cc: -static-libstdc++ is not supported"* ]]; then ok "$cc: -static-libstdc++ is refused"; else bad "$cc: -static-libstdc++ is refused" "$ERR"; fi
  dry "$cc" -shared -fPIC lib.c -Wl,--no-undefined,-O1 -Wl,-z,defs -z defs -Xlinker --no-undefined -o lib.so
  all="${LINES[*]}"
  if ((RC == 0)) && [[ $all != *no-undefined* && $all != *defs* && $all == *-Wl,-O1* ]]; then
    ok "$cc: -shared drops --no-undefined and -z defs, keeps the rest"
  else
    bad "$cc: -shared drops --no-undefined and -z defs" "$all"
  fi
  dry "$cc" main.c -Wl,--no-undefined -o prog
  if ((RC == 0)) && [[ "${LINES[*]}" == *-Wl,--no-undefined* ]]; then ok "$cc: an executable keeps --no-undefined"; else bad "$cc: an executable keeps --no-undefined" "${LINES[*]}"; fi
done

echo "$pass passed, $fail failed"
((fail == 0))
