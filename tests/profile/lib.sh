# lib.sh - shared by the profile tests: build a test program with crace-cc,
# collect problems, print PASS/FAIL. Source it after setting `label`.
#   BUILD_DIR COMPILER are the scripts' two arguments.

build_dir=$(cd "$1" && pwd)
compiler=$2
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
src_root=$(cd "$here/../.." && pwd)
crace_cc=$build_dir/bin/crace-cc
work=$build_dir/tests/profile/work/$(basename "$0" .sh)-$compiler
rm -rf "$work"
mkdir -p "$work"

problems=()
problem() { problems+=("$*"); }
finish() {
    if [ ${#problems[@]} -eq 0 ]; then
        echo "PASS: $label ($compiler)"
        exit 0
    fi
    echo "FAIL: $label ($compiler)"
    for p in "${problems[@]}"; do echo "  - $p"; done
    exit 1
}

[ -x "$crace_cc" ] || { echo "FAIL: $crace_cc missing: build the project first"; exit 1; }
command -v go >/dev/null ||
    { echo "FAIL: go not found (Debian's golang-go; scripts/setup.sh installs it)"; exit 1; }
export GOCACHE=$work/gocache GOPATH=$work/gopath HOME=$work PPROF_TMPDIR=$work

# cc_crace OUT SRC... : build with crace-cc and this compiler, -g -O1.
cc_crace() {
    local out=$1
    shift
    CRACE_CC=$compiler "$crace_cc" -g -O1 "$@" -o "$work/$out" >"$work/$out.build" 2>&1 ||
        { problem "build of $out failed: $(head -5 "$work/$out.build")"; finish; }
}

# top_function PROFILE [pprof args]: the function with the largest flat value.
top_function() {
    local f=$1
    shift
    go tool pprof -top "$@" "$f" 2>/dev/null |
        awk '/^ *flat +flat%/ { go = 1; next } go && NF >= 6 { print $6; exit }'
}
