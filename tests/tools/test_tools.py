#!/usr/bin/env python3
"""test_tools.py BUILD_DIR - crace-test and crace-report on their own.

Runs BUILD_DIR/bin/crace-test and crace-report on small crace-built
programs (programs/suite_prog.c) and on hand-made logs:
  - exit statuses: the command's own (also when killed or not found), 66
    with races, the user's exitcode option, 2 for bad usage;
  - CRACE_OPTIONS: the user's options are kept (suppressions), a log
    directory with spaces and colons works, a --logs directory that holds
    logs already is refused;
  - logs: a crashed process still counts, a forked child logs under its own
    header, the same race from processes in different working directories
    is one race, two races in one process are two;
  - bad input: a missing directory, a truncated last line, a text report, a
    log without header (older crace), an unknown record, a malformed race,
    binary garbage: a clear message or a warning, never a traceback;
  - formats with hostile names (commas, colons, percent signs, newlines,
    control characters, spaces): annotations, SARIF and JUnit stay valid.
Prints one line per check and "N passed, N failed".
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_formats  # noqa: E402

BUILD = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else sys.exit(
    "usage: test_tools.py BUILD_DIR")
BIN = os.path.join(BUILD, "bin")
WORK = tempfile.mkdtemp(prefix="test-tools.")
results = []


def check(name, ok, detail=""):
    results.append(ok)
    print("%s %s%s" % ("ok  " if ok else "FAIL", name, "" if ok or not detail else
                       "\n     " + detail.replace("\n", "\n     ")))


def run(argv, cwd=WORK, env=None):
    r = subprocess.run(argv, cwd=cwd, env=dict(os.environ, **(env or {})),
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=300)
    return r.returncode, r.stdout.decode(errors="replace"), r.stderr.decode(errors="replace")


def tool(name, *args, **kw):
    return run([os.path.join(BIN, name)] + list(args), **kw)


def no_traceback(name, out, err):
    check(name + ": no Python traceback", "Traceback" not in out + err, err)


def build_prog():
    exe = os.path.join(WORK, "suite_prog")
    r = run([os.path.join(BIN, "crace-cc"), "-g", "-O1",
             os.path.join(HERE, "programs", "suite_prog.c"), "-o", exe, "-lpthread"],
            env={"CRACE_CC": os.environ.get("CRACE_TEST_CC", "gcc")})
    if r[0] != 0:
        sys.exit("cannot build suite_prog:\n" + r[2])
    return exe


def total_line(out):
    lines = [ln for ln in out.splitlines() if ln.startswith(("crace-test:", "crace-report:"))]
    return lines[-1] if lines else ""


def test_exit_statuses(prog):
    st, out, err = tool("crace-test", "--", "sh", "-c", "exit 3")
    check("no race: the command's own status (3)", st == 3, "got %d" % st)
    check("no race: 'no data race found'", "no data race found" in out, out)
    st, out, err = tool("crace-test", "--", "sh", "-c", "kill -TERM $$")
    check("killed command: 128+15", st == 143, "got %d" % st)
    st, out, err = tool("crace-test", "--", prog, "race")
    check("race: status 66", st == 66, "got %d" % st)
    check("race: one report and the total line",
          out.count("WARNING: DATA RACE") == 1 and total_line(out) ==
          "crace-test: 1 unique data race(s) in 1 process(es) of 1 test(s)", out)
    st, out, err = tool("crace-test", prog, "race")  # without "--"
    check("the command may follow the options without '--'", st == 66, err)
    st, out, err = tool("crace-test", "--", prog, "race", env={"CRACE_OPTIONS": "exitcode=7"})
    check("race: the user's exitcode option (7)", st == 7, "got %d" % st)
    st, out, err = tool("crace-test", "--", "/nonexistent/program")
    check("missing command: 127 and a message", st == 127 and "cannot run" in err, err)
    no_traceback("missing command", out, err)
    st, out, err = tool("crace-test")
    check("no command: usage error 2", st == 2 and "no command" in err, err)
    st, out, err = tool("crace-test", "--bogus", "--", "true")
    check("unknown option: usage error 2", st == 2, err)


def test_options(prog):
    supp = os.path.join(WORK, "race.supp")
    with open(supp, "w") as f:
        f.write("race:write_first\n")
    st, out, err = tool("crace-test", "--", prog, "race",
                        env={"CRACE_OPTIONS": "suppressions=" + supp})
    check("the user's suppressions are kept", st == 0 and "1 suppressed" in out, out + err)
    odd = os.path.join(WORK, "logs with space:colon,comma")
    st, out, err = tool("crace-test", "--logs", odd, "--", prog, "race")
    check("--logs with spaces, colons, commas", st == 66 and len(os.listdir(odd)) == 1,
          out + err)
    st, out, err = tool("crace-test", "--logs", odd, "--", prog, "race")
    check("--logs that already holds logs is refused", st == 2 and "already holds" in err, err)
    with open(os.path.join(WORK, "env.sh"), "w") as f:
        f.write('printf "%s" "$CRACE_OPTIONS"\n')
    st, out, err = tool("crace-test", "--", "sh", os.path.join(WORK, "env.sh"),
                        env={"CRACE_OPTIONS": "history_size=3 log_path=/elsewhere"})
    check("CRACE_OPTIONS: the user's first, then crace-test's",
          out.startswith("history_size=3 log_path=/elsewhere log_path=") and
          "report_format=json" in out, out)


def test_processes(prog):
    logs = os.path.join(WORK, "crash-logs")
    st, out, err = tool("crace-test", "--logs", logs, "--", prog, "crash")
    check("crashed process: its race is counted", st == 66 and
          "1 unique data race(s) in 1 process(es)" in out, out + err)
    check("crashed process: a warning names it", "ended without crace's summary" in err, err)
    logs = os.path.join(WORK, "fork-logs")
    st, out, err = tool("crace-test", "--logs", logs, "--", prog, "fork")
    headers = []
    for name in os.listdir(logs):
        with open(os.path.join(logs, name)) as f:
            headers += [ln for ln in f if '"type":"process"' in ln]
    check("fork: parent and child each have a log with a header",
          len(os.listdir(logs)) == 2 and len(headers) == 2, str(os.listdir(logs)))
    check("fork: two races in two processes",
          "2 unique data race(s) in 2 process(es) of 1 test(s)" in out, out + err)
    a, b = os.path.join(WORK, "cwd a"), os.path.join(WORK, "cwd-b")
    os.makedirs(a)
    os.makedirs(b)
    script = 'cd "%s" && "%s" race; cd "%s" && "%s" race2; exit 0' % (a, prog, b, prog)
    st, out, err = tool("crace-test", "--", "sh", "-c", script)
    check("one race from two working directories is one race; race2 adds one",
          "2 unique data race(s) in 2 process(es) of 2 test(s)" in out, out + err)
    check("the shared race was seen in both processes",
          "Seen in 2 process(es) of 2 test(s): " in out and
          "Seen in 1 process(es) of 1 test(s): " in out, out)


def write_log(path, lines, newline=True):
    with open(path, "wb") as f:
        f.write(b"\n".join(x if isinstance(x, bytes) else x.encode() for x in lines)
                + (b"\n" if newline else b""))


def frame(fn, file, line, pc="0x401000"):
    return {"function": fn, "file": file, "line": line, "module": "/bin/prog",
            "module_offset": "0x1000", "pc": pc, "offset": "0x10"}


def race(file="src/a.c", line=10, fn="f", prev_line=12, thread=2):
    return {"type": "data_race",
            "current": {"kind": "write", "atomic": False, "free": False, "addr": "0x1000",
                        "thread": {"id": thread, "main": False, "name": None},
                        "stack": [frame(fn, file, line)], "mutexes": []},
            "previous": {"kind": "read", "atomic": False, "free": False, "addr": "0x1000",
                         "thread": {"id": 1, "main": False, "name": None},
                         "stack": [frame(fn, file, prev_line)], "mutexes": []},
            "location": None, "mutexes": [], "threads": []}


def header(pid, cwd="/src", cmdline=("./t",)):
    return json.dumps({"type": "process", "format": 1, "pid": pid, "ppid": 1,
                       "cmdline": list(cmdline), "cwd": cwd, "ancestors": []})


SUMMARY = '{"type":"summary","races":1,"suppressed":0}'


def test_bad_input():
    st, out, err = tool("crace-report", os.path.join(WORK, "no-such-dir"))
    check("missing directory: exit 2 and 'no such directory'",
          st == 2 and "no such directory" in err, err)
    no_traceback("missing directory", out, err)
    st, out, err = tool("crace-report")
    check("no directory: usage error 2", st == 2, err)

    d = os.path.join(WORK, "bad")
    os.makedirs(d)
    write_log(os.path.join(d, "crace.100"), [header(100), json.dumps(race(line=10)),
                                             json.dumps(race(line=20))[:60]], newline=False)
    write_log(os.path.join(d, "crace.101"), ["==================", "WARNING: DATA RACE",
                                             "Write at 0x1 by thread T1:"])
    write_log(os.path.join(d, "crace.102"), [json.dumps(race(line=30)), SUMMARY])
    write_log(os.path.join(d, "crace.103"), [header(103), '{"type":"mystery"}',
                                             '{"type":"data_race","current":{}}',
                                             json.dumps(race(line=40)), "[1, 2]", SUMMARY])
    write_log(os.path.join(d, "crace.104"), [b"\x00\xff\xfe garbage \x80"])
    write_log(os.path.join(d, "crace.105"), [json.dumps({"type": "process", "format": 9,
                                                         "pid": 105}),
                                             json.dumps(race(line=50)), SUMMARY])
    write_log(os.path.join(d, "notes.txt"), ["not a log"])
    st, out, err = tool("crace-report", d)
    no_traceback("bad logs", out, err)
    check("truncated last line: a warning, the lines before it count",
          "crace.100: line 3 is cut short" in err and ":10 " in out, err)
    check("text report: skipped with a warning", "crace.101: a text report, not JSON" in err,
          err)
    check("log without header (older crace): read, with a warning",
          "crace.102: no process header" in err and ":30 " in out, err)
    check("unknown record type: skipped with a warning",
          "crace.103: line 2: not a crace record" in err, err)
    check("malformed data_race: skipped with a warning",
          "crace.103: line 3: malformed data_race record (current" in err, err)
    check("binary garbage: a warning", "crace.104: line 1 is not JSON" in err, err)
    check("newer header format: a warning, still read",
          "crace.105: line 1: process header of an unknown format" in err and ":50 " in out,
          err)
    check("bad logs: the good races are all reported (10, 30, 40, 50)",
          total_line(out).startswith("crace-report: 4 unique data race(s)") and st == 66, out)

    empty = os.path.join(WORK, "empty")
    os.makedirs(empty)
    st, out, err = tool("crace-report", empty)
    check("empty directory: no race, exit 0", st == 0 and "no data race found" in out,
          out + err)
    st, out, err = tool("crace-report", os.path.join(d, "crace.102"))
    check("a single log file as argument", st == 66 and "1 unique data race(s)" in out, out)
    st, out, err = tool("crace-report", "--sarif", os.path.join(WORK, "no/such/dir/x.sarif"),
                        d)
    check("unwritable --sarif: a message and exit 2", st == 2 and "cannot write" in err, err)
    no_traceback("unwritable --sarif", out, err)


def test_hostile_names():
    d = os.path.join(WORK, "hostile")
    root = os.path.join(WORK, "repo root")
    os.makedirs(d)
    os.makedirs(root)
    nasty_file = "dir,with:odd %25 chars/a b.c"
    r1 = race(file=nasty_file, line=7, fn="fn\nwith\rbreaks,and:colons%")
    r1["current"]["thread"]["name"] = "w\x01rker"
    r1["location"] = {"kind": "global", "name": "g<&>\"'", "addr": "0x2000", "size": 8,
                      "file": nasty_file, "line": 3}
    r2 = race(file="/usr/include/outside.h", line=5, fn="inlined")
    r2["previous"]["stack"] = None
    r2["previous"]["mutexes"] = None
    write_log(os.path.join(d, "crace.200"), [header(200, cwd=root, cmdline=["./t", "a,b"]),
                                             json.dumps(r1), json.dumps(r2), SUMMARY])
    sarif, junit = os.path.join(WORK, "h.sarif"), os.path.join(WORK, "h.xml")
    st, out, err = tool("crace-report", "--github", "--sarif", sarif, "--junit", junit,
                        "--source-root", root, d)
    no_traceback("hostile names", out, err)
    gh = os.path.join(WORK, "h.out")
    with open(gh, "w") as f:
        f.write(out)
    for kind, path in (("github", gh), ("sarif", sarif), ("junit", junit)):
        problems = getattr(check_formats, "check_" + kind)(path, 2)
        check("hostile names: %s valid" % kind, not problems, "\n".join(problems))
    ann = [ln for ln in out.splitlines() if ln.startswith("::")]
    check("annotation escapes , : %% in file=",
          any(ln.startswith("::error file=dir%2Cwith%3Aodd %2525 chars/a b.c,line=7,") for ln
              in ann), "\n".join(ann))
    check("annotation escapes CR, LF and %% in the message",
          any("fn%0Awith%0Dbreaks,and:colons%25()" in ln for ln in ann), "\n".join(ann))
    check("annotation outside the source root has no file=",
          any(ln.startswith("::error title=DATA RACE::") for ln in ann), "\n".join(ann))
    with open(sarif) as f:
        res = json.load(f)["runs"][0]["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in res]
    check("SARIF: relative uri percent-encoded, outside file absolute",
          {"uri": "dir%2Cwith%3Aodd%20%2525%20chars/a%20b.c", "uriBaseId": "SRCROOT"} in uris
          and {"uri": "file:///usr/include/outside.h"} in uris, str(uris))


def test_cxx_names_and_cut_stacks():
    """C++ names keep their parameter lists (no '()' added) in the report,
    the annotations and SARIF; a cut stack ends with the outer-frames line
    (singular and plural as the runtime words it); a bad count is refused."""
    d = os.path.join(WORK, "cxx")
    os.makedirs(d)
    r = race(file="src/q.cpp", line=21, fn="ns::Queue::push(long)")
    r["current"]["stack"][0]["signature"] = True
    r["previous"]["stack"][0]["signature"] = True
    r["current"]["stack"].append(frame("main", "src/q.cpp", 40))
    r["current"]["outer_frames_missing"] = 1
    r["previous"]["outer_frames_missing"] = 4096
    bad = race(line=60)
    bad["current"]["outer_frames_missing"] = "many"
    write_log(os.path.join(d, "crace.300"), [header(300), json.dumps(r), json.dumps(bad),
                                             SUMMARY])
    sarif = os.path.join(WORK, "cxx.sarif")
    st, out, err = tool("crace-report", "--github", "--sarif", sarif, "--source-root", "/src", d)
    no_traceback("C++ names", out, err)
    check("C++ frame printed as written", "\n  ns::Queue::push(long)\n      src/q.cpp:21 +0x10\n"
          in out and "push(long)()" not in out, out)
    check("C frame still gets '()'", "\n  main()\n      src/q.cpp:40 +0x10\n" in out, out)
    check("one outer frame: singular", "      src/q.cpp:40 +0x10\n  ... 1 outer frame not recorded\n"
          in out, out)
    check("4096 outer frames: plural", "  ... 4096 outer frames not recorded\n" in out, out)
    check("annotation names the C++ function as written",
          any("in ns::Queue::push(long) at src/q.cpp:21 " in ln for ln in out.splitlines()
              if ln.startswith("::")), out)
    with open(sarif) as f:
        text = f.read()
    check("SARIF names the C++ function as written",
          "ns::Queue::push(long)" in text and "push(long)()" not in text, text[:2000])
    check("outer_frames_missing not a count: malformed, skipped",
          "crace.300: line 3: malformed data_race record" in err and "outer_frames_missing" in err,
          err)


def main():
    prog = build_prog()
    try:
        test_exit_statuses(prog)
        test_options(prog)
        test_processes(prog)
        test_bad_input()
        test_hostile_names()
        test_cxx_names_and_cut_stacks()
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
