#!/usr/bin/env python3
"""render_matches_runtime.py BUILD_DIR [CASE.c ...] - crace-test/crace-report
print a race exactly as the runtime does.

Each race case (tests/races; a .cpp case with crace-c++ and g++) is built
with BUILD_DIR/bin/crace-cc (gcc -O0 -g) and run twice with address randomization off (setarch -R), once with
report_format=text and once with report_format=json (same environment
size, so the same addresses). The JSON log rendered by crace_tools.render
must equal the text log byte for byte. The default cases together show
every part of a report (checked: FEATURES below), so a renderer that
drops or changes any kind of line fails. A run whose two reports differ
only by timing (thread state, heap arena addresses) is retried.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

SRC = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
sys.path.insert(0, os.path.join(SRC, "tools"))
from crace_tools import logs, render  # noqa: E402

CASES = [
    "races/thr_create_race",             # global, thread blocks
    "races/mem_free_race",               # heap block, (free)
    "races/mem_race_malloc",
    "races/fd_close_read_race",          # file descriptor
    "races/atom_plain_vs_atomic_load",   # atomic access
    "races/ann_thread_name",             # named thread, main thread
    "races/lock_mutex_recursive_race",   # mutexes held, created by
    "races/lock_mutex_other_race",       # first locked by
    "tools/programs/report_shapes",      # stack, TLS, destroyed mutex, history
    "races/lock_mutex_recursive_race -g0",  # no line information: module+offset
    "tools/programs/deep_stack",         # outer frames not recorded, both stacks
    "cxx/cxx_new_race",                  # C++ names with their parameter lists
]
FEATURES = {
    "global": "Location is global '",
    "heap": "Location is heap block of size",
    "fd": "Location is file descriptor",
    "stack": "Location is stack of",
    "tls": "Location is TLS of",
    "free": " (free):",
    "freed block": " freed by ",
    "atomic": "Atomic ",
    "held": "Mutexes held: M1",
    "mutex created": ") created by ",
    "mutex first locked": ") first locked by ",
    "named thread": 'thread T1 "',
    "main thread": "by main thread",
    "finished": "(finished) created at:",
    "history": "[stack unavailable: history overwritten",
    "destroyed": ") destroyed since: where it was created",
    "no line information": "      prog+0x",
    "outer frames": " outer frames not recorded\n",
    "C++ names": "  operator new(unsigned long)\n",
}
DIRECTIVE = re.compile(r"^//\s*(LINK|CFLAGS|ENV):\s*(.*)$", re.M)


def build(cc, case, work):
    case, *extra = case.split()
    text = open(case).read()
    links, cflags, env = [], [], {}
    for key, val in DIRECTIVE.findall(text):
        if key == "LINK":
            links += val.split()
        elif key == "CFLAGS":
            cflags += val.split()
        else:
            for word in val.split():
                k, _, v = word.partition("=")
                env[k] = v
    objs = []
    for name in links:
        src = os.path.join(os.path.dirname(case), name + ".c")
        if not os.path.exists(src):
            src = os.path.join(SRC, "tests", "common", name + ".c")
        obj = os.path.join(work, name + ".o")
        subprocess.run(["gcc", "-O1", "-c", src, "-o", obj], check=True)
        objs.append(obj)
    exe = os.path.join(work, "prog")
    if case.endswith(".cpp"):  # crace-c++ beside crace-cc
        cc = os.path.join(os.path.dirname(cc), "crace-c++")
    r = subprocess.run([cc, "-g", "-O0", "-I", os.path.join(SRC, "tests", "common")] + cflags
                       + extra + [case] + objs + ["-o", exe, "-lpthread"],
                       env=dict(os.environ, CRACE_CC="gcc", CRACE_CXX="g++"),
                       stderr=subprocess.PIPE)
    if r.returncode != 0:
        sys.exit("cannot build %s:\n%s" % (case, r.stderr.decode()))
    return exe, env


def run(exe, env, work, fmt):
    logdir = os.path.join(work, fmt)
    os.makedirs(logdir)
    opts = (env.get("CRACE_OPTIONS", "") + " log_path=%s/log report_format=%s"
            % (logdir, fmt)).strip()
    subprocess.run(["setarch", "x86_64", "-R", exe], cwd=work,
                   env=dict(os.environ, **dict(env, CRACE_OPTIONS=opts)),
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=120)
    return glob.glob(os.path.join(logdir, "log.*"))


def compare(cc, case, top):
    work = tempfile.mkdtemp(dir=top)
    exe, env = build(cc, case, work)
    for attempt in range(4):
        for fmt in ("text", "json"):
            shutil.rmtree(os.path.join(work, fmt), ignore_errors=True)
        text_logs, json_logs = run(exe, env, work, "text"), run(exe, env, work, "json")
        if len(text_logs) != 1 or len(json_logs) != 1:
            return None, "expected one log of each format, got %s and %s" % (text_logs,
                                                                              json_logs)
        text = open(text_logs[0]).read()
        text = text[:text.rfind("==================\n") + 19]  # drop "Found N ..."
        warnings = []
        procs = logs.read_logs(json_logs, warnings.append)
        rendered = "".join(render.render(r) for p in procs for r in p.races)
        if warnings:
            return None, "warnings reading the JSON log: %s" % warnings
        if rendered == text and text:
            return text, None
    import difflib
    diff = "".join(difflib.unified_diff(text.splitlines(True), rendered.splitlines(True),
                                        "runtime", "rendered"))
    return None, "rendered JSON differs from the runtime's text:\n" + diff


def source(case):
    """tests/NAME.c, else tests/NAME.cpp, keeping extra flags after a space."""
    name, sep, flags = case.partition(" ")
    path = os.path.join(SRC, "tests", name)
    path += ".c" if os.path.exists(path + ".c") else ".cpp"
    return path + sep + flags


def main():
    if len(sys.argv) < 2:
        sys.exit("usage: render_matches_runtime.py BUILD_DIR [CASE.c ...]")
    cc = os.path.join(sys.argv[1], "bin", "crace-cc")
    cases = sys.argv[2:] or [source(c) for c in CASES]
    top = tempfile.mkdtemp(prefix="render-test.")
    failed, seen = 0, set()
    try:
        for case in cases:
            name = os.path.splitext(os.path.basename(case.split()[0]))[0]
            text, problem = compare(cc, case, top)
            if problem:
                failed += 1
                print("FAIL %s: %s" % (name, problem))
                continue
            got = sorted(f for f, s in FEATURES.items() if s in text)
            seen.update(got)
            print("ok   %s (%s)" % (name, ", ".join(got)))
    finally:
        shutil.rmtree(top, ignore_errors=True)
    missing = sorted(set(FEATURES) - seen) if not sys.argv[2:] else []
    if missing:
        failed += 1
        print("FAIL the cases show no %s: the comparison does not cover them" % missing)
    else:
        print("ok   every kind of report line was compared")
    checks = len(cases) + (0 if sys.argv[2:] else 1)
    print("%d passed, %d failed" % (checks - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
