#!/usr/bin/env python3
"""test_trace.py BUILD_DIR CC - the execution trace (trace_path) and crace-trace.

Builds programs/trace_prog.c with BUILD_DIR/bin/crace-cc and CC (gcc or
clang), at -O2 and -O0, runs its modes with CRACE_OPTIONS=trace_path=... and
checks every trace with check_trace.py (strict JSON, the Trace Event Format
as Perfetto reads it: fields and their types, microseconds with nanosecond
decimals, slices nest per thread, flows keyed, paired and bound, every thread
named) and against the process that wrote it (its pid, the main thread's tid
is the pid, one named track per thread, a span within the run's wall time),
then what each mode must show:
  waits     the known waits (barrier, mutex held by main, condition handoff,
            join, three threads contending for one lock, a semaphore post)
            with their kinds, durations, woken_by and the flow arrows that
            ended them; thread tracks named like reports name threads; and
            crace-trace's summary: the contended lock's 3 waits and their
            total (order of magnitude), the 100 ms wait with its stack;
  locks     trace_locks=1: one hold slice per lock taken (exact count),
            nesting kept when locks are released out of order;
  race      a report: exit 66, a DATA RACE instant naming both lines;
  halt      halt_on_error=1: the trace is still complete and closed;
  stuck     a thread still waiting at exit: its wait is marked unfinished;
  haltstuck the same when halt_on_error ends the run: the open wait's site
            is symbolized at the halt (the report lock held), not a hang;
  cut       trace_max_mb=1: the file stays under 1 MiB, valid, ends with the
            "trace cut" instant, and crace-trace says so;
  fork      the forked child writes PATH.PID, the parent PATH;
  options   %p in the path, bad values (exit 2 and one line);
  names     a thread name with quotes, backslash, control characters and
            bytes that are not UTF-8: the file stays valid JSON (strict UTF-8);
  labels    crace_set_label's labels on a thread's waits, holds, exit and
            on the report instant (both threads');
  profiles  the trace with mutex_profile and block_profile on: both tools
            get every event (the trace's waits and flows, gzip profiles);
  tool      crace-trace on a truncated file, on garbage, with bad usage;
  checker   check_trace.py finds broken traces (a missing flow end,
            overlapping slices, an unnamed thread, two slices beginning
            together, wrong field types, bad metadata) and refuses files
            that are not strict JSON or whose times are finer than a ns.
Prints one line per check and "N passed, N failed".
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import check_trace  # noqa: E402

if len(sys.argv) != 3:
    sys.exit("usage: test_trace.py BUILD_DIR CC")
BUILD, CC = os.path.abspath(sys.argv[1]), sys.argv[2]
BIN = os.path.join(BUILD, "bin")
WORK = tempfile.mkdtemp(prefix="test-trace.")
SRC = os.path.join(HERE, "programs", "trace_prog.c")
results = []


def check(name, ok, detail=""):
    results.append(bool(ok))
    print("%s %s%s" % ("ok  " if ok else "FAIL", name, "" if ok or not detail else
                       "\n     " + str(detail).replace("\n", "\n     ")))
    return ok


LAST = {}  # the last run's pid and wall time in microseconds


def run(argv, env=None, timeout=120):
    t0 = time.monotonic()
    p = subprocess.Popen(argv, cwd=WORK, env=dict(os.environ, **(env or {})),
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        out, err = p.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:  # a hang is a failed check, not a traceback
        p.kill()
        p.communicate()
        return -1, "", "timed out after %d s: %s" % (timeout, " ".join(argv))
    LAST.update(pid=p.pid, wall_us=(time.monotonic() - t0) * 1e6)
    return p.returncode, out.decode(errors="replace"), err.decode(errors="replace")


def build(opt):
    exe = os.path.join(WORK, "trace_prog_" + opt)
    st, out, err = run([os.path.join(BIN, "crace-cc"), "-g", "-" + opt, SRC, "-o", exe,
                        "-lpthread"], env={"CRACE_CC": CC})
    if st != 0:
        sys.exit("cannot build trace_prog with %s -%s:\n%s" % (CC, opt, err))
    return exe


def line_of(marker):
    with open(SRC) as f:
        for n, text in enumerate(f, 1):
            if marker in text:
                return n
    raise KeyError(marker)


def trace_run(exe, mode, name, options="", args=(), expect=0):
    """Run a mode with a trace; (events or None, stderr, path)."""
    path = os.path.join(WORK, name + ".json")
    env = {"CRACE_OPTIONS": ("trace_path=%s %s" % (path, options)).strip()}
    st, out, err = run([exe, mode] + list(args), env=env)
    check("%s: exit status %d" % (name, expect), st == expect, "got %d\n%s" % (st, err))
    events = load_checked(name, path)
    if events is not None and st >= 0:
        check_process(name, events)
    return events, err, path


def check_process(name, events):
    """The trace is the process's: its pid, the kernel's thread ids (the main
    thread's is the pid), one track per thread, and times in microseconds
    that fit in the run's wall time."""
    pid = LAST["pid"]
    check("%s: every event has the process's pid %d" % (name, pid),
          all(e["pid"] == pid for e in events), {e["pid"] for e in events})
    named = tracks(events)
    check("%s: the main thread's track is tid == pid" % name,
          named.get(pid, "").startswith("main thread"), named)
    check("%s: one track per thread: no two tids share a name" % name,
          len(set(named.values())) == len(named), named)
    timed = [e for e in events if e["ph"] != "M"]
    span = max(e["ts"] + e.get("dur", 0) for e in timed) - min(e["ts"] for e in timed)
    check("%s: the trace's span (%.0f us) fits in the run (%.0f us)" % (
        name, span, LAST["wall_us"]), 0 < span <= LAST["wall_us"])


def load_checked(name, path):
    try:
        events = check_trace.load(path)
    except (OSError, ValueError) as e:
        check("%s: the trace is valid JSON" % name, False, e)
        return None
    problems = check_trace.check(events)
    check("%s: the trace is well formed (%d events)" % (name, len(events)), not problems,
          "\n".join(problems[:10]))
    return events


def tracks(events):
    return {e["tid"]: e["args"]["name"] for e in events
            if e["ph"] == "M" and e["name"] == "thread_name"}


def by_name(events, name, ph="X"):
    return [e for e in events if e["ph"] == ph and e["name"] == name]


def flow_into(events, wait):
    """The flow (its start event) whose end binds to the wait slice `wait`."""
    s0, s1 = check_trace.ns(wait["ts"]), check_trace.ns(wait["ts"]) + check_trace.ns(wait["dur"])
    for f in events:
        if f["ph"] == "f" and f["tid"] == wait["tid"] and s0 < check_trace.ns(f["ts"]) < s1:
            return next(s for s in events if s["ph"] == "s" and s["id"] == f["id"])
    return None


def crace_trace(*args):
    return run([os.path.join(BIN, "crace-trace")] + list(args))


# ---- scenarios ----

def test_waits(exe, tag):
    ev, err, path = trace_run(exe, "waits", "waits-" + tag)
    if ev is None:
        return
    names = tracks(ev)
    main_tid = next(e["pid"] for e in ev if e["name"] == "process_name")
    check(tag + ": main track is 'main thread'", names.get(main_tid) == "main thread", names)
    worker = [t for t, n in names.items() if n == 'T1 "worker"']
    check(tag + ': worker track named T1 "worker"', len(worker) == 1, names)
    contenders = sorted(n for n in names.values() if n.endswith('"contender"'))
    check(tag + ": three contender tracks T2..T4", contenders == ['T2 "contender"',
                                                                 'T3 "contender"',
                                                                 'T4 "contender"'], contenders)
    if not worker:
        return
    w = worker[0]
    wnames = [e["args"]["name"] for e in ev if e["ph"] == "M" and e["name"] == "thread_name"
              and e["tid"] == w]
    check(tag + ": the worker, named after it started, is renamed: T1, then T1 \"worker\"",
          wnames == ["T1", 'T1 "worker"'], wnames)
    mine = [e for e in ev if e["tid"] == w and e["ph"] == "X" and e["cat"] == "wait"]
    kinds = {e["name"]: e for e in mine}
    check(tag + ": worker waits: barrier, mutex, cond", sorted(kinds) ==
          ["barrier wait", "cond wait", "mutex wait"], sorted(kinds))
    bw, mw, cw = kinds.get("barrier wait"), kinds.get("mutex wait"), kinds.get("cond wait")
    if bw:
        check(tag + ": barrier wait ~50 ms", 5e3 <= bw["dur"] <= 5e6, bw["dur"])
        check(tag + ": barrier wait at its line",
              bw["args"]["at"].endswith("trace_prog.c:%d" % line_of("BARRIER_WAIT")), bw["args"])
    if mw:
        check(tag + ": mutex wait ~100 ms", 50e3 <= mw["dur"] <= 10e6, mw["dur"])
        check(tag + ": mutex wait woken by main thread", mw["args"].get("woken_by") ==
              "main thread", mw["args"])
        check(tag + ": mutex wait's stack starts at its line", mw["args"]["stack"][0].endswith(
            "trace_prog.c:%d" % line_of("LOCK_WAIT")), mw["args"])
        s = flow_into(ev, mw)
        check(tag + ": unlock -> mutex wait flow from main", s is not None and
              s["name"] == "unlock" and s["tid"] == main_tid, s)
    if cw:
        check(tag + ": cond wait ~50 ms", 25e3 <= cw["dur"] <= 5e6, cw["dur"])
        check(tag + ": cond wait names its mutex", cw["args"].get("mutex") ==
              (mw or {}).get("args", {}).get("lock"), cw["args"])
        s = flow_into(ev, cw)
        check(tag + ": signal -> cond wait flow from main", s is not None and
              s["name"] == "signal" and s["tid"] == main_tid, s)
    joins = [e for e in by_name(ev, "join") if e["args"].get("thread") == 'T1 "worker"']
    check(tag + ": main joins worker (~30 ms)", len(joins) == 1 and
          10e3 <= joins[0]["dur"] <= 5e6, joins)
    if joins:
        s = flow_into(ev, joins[0])
        check(tag + ": exit -> join flow from the worker", s is not None and s["name"] == "exit"
              and s["tid"] == w, s)
    creates = [e for e in ev if e["ph"] == "s" and e["name"] == "create"]
    check(tag + ": a create flow from main for each of the 5 threads", len(creates) == 5 and
          all(e["tid"] == main_tid for e in creates), creates)
    check(tag + ": thread create/start/exit instants", len(by_name(ev, "thread create", "i")) == 5
          and len(by_name(ev, "thread start", "i")) == 6 and
          len(by_name(ev, "thread exit", "i")) == 5)
    sems = by_name(ev, "sem wait")
    check(tag + ": sem wait ended by a post", len(sems) == 1 and
          (flow_into(ev, sems[0]) or {}).get("name") == "sem post", sems)
    lock_l = [e for e in by_name(ev, "mutex wait")
              if e["args"]["at"].endswith("trace_prog.c:%d" % line_of("CONTENDED_WAIT"))]
    check(tag + ": three waits for the contended lock", len(lock_l) == 3 and
          len({e["args"]["lock"] for e in lock_l}) == 1, lock_l)
    total = sum(e["dur"] for e in lock_l)
    check(tag + ": contended waits total ~240 ms", 120e3 <= total <= 24e6, total)
    check(tag + ": each contended wait has its flow", all(flow_into(ev, e) for e in lock_l))
    # crace-trace's summary
    st, out, err = crace_trace(path)
    check(tag + ": crace-trace exits 0", st == 0, err)
    lock = lock_l[0]["args"]["lock"] if lock_l else "?"
    m = re.search(r"lock %s: (\d+) waits?, total ([\d.]+) (us|ms|s)," % re.escape(lock), out)
    check(tag + ": crace-trace: the contended lock with 3 waits", m and m.group(1) == "3", out)
    if m:
        secs = float(m.group(2)) * {"us": 1e-6, "ms": 1e-3, "s": 1.0}[m.group(3)]
        check(tag + ": crace-trace: its total is ~0.24 s", 0.12 <= secs <= 24, m.group(0))
    first = out.split("Most contended locks")[1].splitlines()[1] if "Most contended" in out else ""
    check(tag + ": crace-trace: it is the most contended lock", lock in first, out)
    check(tag + ": crace-trace: worker's row has mutex, barrier and cond waits",
          re.search(r'T1 "worker" .*mutex wait .*\(1\)', out) and "barrier wait" in out, out)
    check(tag + ": crace-trace: longest waits show stacks", "trace_prog.c:%d" %
          line_of("CONTENDED_WAIT") in out.split("Longest waits:")[-1], out)
    check(tag + ": crace-trace: no traceback", "Traceback" not in err, err)


def test_locks(exe, tag):
    n = 300
    ev, err, path = trace_run(exe, "many", "locks-" + tag, "trace_locks=1", [str(n)])
    if ev is not None:
        holds = by_name(ev, "lock held")
        check(tag + ": one hold slice per lock taken (%d)" % (2 * n), len(holds) == 2 * n,
              len(holds))
        st, out, err = crace_trace(path)
        check(tag + ": crace-trace counts the holds", "held %d times" % (2 * n) in out, out)
    ev, err, path = trace_run(exe, "handover", "handover-" + tag, "trace_locks=1")
    if ev is not None:
        holds = by_name(ev, "lock held")
        check(tag + ": hand-over-hand: 2 x 50 x 4 holds", len(holds) == 400, len(holds))
        check(tag + ": hand-over-hand: held-over holds say since when",
              any("since_us" in h["args"] for h in holds))
    ev, err, path = trace_run(exe, "waits", "waits-locks-" + tag, "trace_locks=1")
    if ev is not None:
        check(tag + ": waits with trace_locks: holds and waits nest",
              by_name(ev, "lock held") and by_name(ev, "cond wait"))
    ev, err, path = trace_run(exe, "exitlock", "exitlock-" + tag, "trace_locks=1")
    if ev is not None:
        held = [h for h in by_name(ev, "lock held") if h["args"].get("held_at_exit")]
        check(tag + ": a lock held at thread exit is marked", len(held) == 1, held)


def test_race(exe, tag):
    for mode, opts in (("race", ""), ("halt", "halt_on_error=1")):
        ev, err, path = trace_run(exe, mode, "%s-%s" % (mode, tag), opts, expect=66)
        check(tag + ": %s: the report is printed" % mode, "WARNING: DATA RACE" in err, err)
        if ev is None:
            continue
        reps = by_name(ev, "DATA RACE", "i")
        check(tag + ": %s: one DATA RACE instant" % mode, len(reps) == 1, reps)
        if reps:
            summary = reps[0]["args"].get("summary", "")
            lines = [n for n, t in enumerate(open(SRC), 1) if "/* RACY */" in t]
            check(tag + ": %s: its summary names both racy lines" % mode,
                  all("trace_prog.c:%d" % n in summary for n in lines), summary)
        check(tag + ": %s: the trace was closed" % mode, bool(by_name(ev, "trace end", "i")))
        st, out, err2 = crace_trace(path)
        check(tag + ": %s: crace-trace lists the report" % mode, "Reports (1):" in out, out)


def test_stuck(exe, tag):
    ev, err, path = trace_run(exe, "stuck", "stuck-" + tag, "atexit_sleep_ms=0")
    if ev is None:
        return
    waits = [e for e in by_name(ev, "cond wait") if e["args"].get("unfinished")]
    check(tag + ": a wait still blocked at exit is unfinished", len(waits) == 1 and
          waits[0]["dur"] >= 20e3, waits)
    st, out, err = crace_trace(path)
    check(tag + ": crace-trace says it was still waiting",
          "still waiting at the end of the trace" in out, out)


def test_halt_stuck(exe, tag):
    """halt_on_error's exit writes the trace under the report lock: a wait
    still open then, never symbolized before, is symbolized there."""
    ev, err, path = trace_run(exe, "haltstuck", "haltstuck-" + tag,
                              "halt_on_error=1 atexit_sleep_ms=0", expect=66)
    if ev is None:
        return
    waits = [e for e in by_name(ev, "cond wait") if e["args"].get("unfinished")]
    at = "trace_prog.c:%d" % line_of("STUCK_WAIT")
    check(tag + ": haltstuck: the blocked wait is unfinished, at its line", len(waits) == 1 and
          waits[0]["args"].get("at", "").endswith(at), waits)
    check(tag + ": haltstuck: one DATA RACE instant, the trace closed",
          len(by_name(ev, "DATA RACE", "i")) == 1 and bool(by_name(ev, "trace end", "i")))


def test_cut(exe, tag):
    ev, err, path = trace_run(exe, "many", "cut-" + tag, "trace_locks=1 trace_max_mb=1",
                              ["20000"])
    size = os.path.getsize(path) if os.path.exists(path) else -1
    check(tag + ": cut: the file is at most 1 MiB", 0 < size <= 1 << 20, size)
    check(tag + ": cut: one line on stderr says so", "reached trace_max_mb=1" in err, err)
    if ev is None:
        return
    check(tag + ": cut: the last event is the 'trace cut' instant",
          ev[-1]["name"] == "trace cut" and ev[-1].get("s") == "g", ev[-1])
    st, out, err = crace_trace(path)
    check(tag + ": cut: crace-trace notes the cut", "the trace was cut" in out, out)


def test_fork(exe, tag):
    ev, err, path = trace_run(exe, "fork", "fork-" + tag)
    children = [f for f in os.listdir(WORK) if f.startswith("fork-%s.json." % tag)]
    check(tag + ": fork: the child wrote PATH.PID", len(children) == 1, children)
    for c in children:
        cev = load_checked("fork child " + tag, os.path.join(WORK, c))
        if cev is not None and ev is not None:
            check(tag + ": fork: the child's pid is its own",
                  {e["pid"] for e in cev} == {int(c.rsplit(".", 1)[1])} and
                  {e["pid"] for e in ev}.isdisjoint({e["pid"] for e in cev}))


def test_names(exe, tag):
    ev, err, path = trace_run(exe, "names", "names-" + tag)
    if ev is None:
        return
    got = sorted(set(tracks(ev).values()))
    bad = "\ufffd"  # each byte of a sequence that is not UTF-8 becomes one
    want = 'T1 "q"b\\s\nnl\x01' + 2 * bad + " caf\u00e9 " + 10 * bad + " " + 2 * bad + '"'
    check(tag + ": names: the hostile name survives as text, exactly", want in got, got)
    waits = [e for e in by_name(ev, "mutex wait") if e["tid"] != ev[0]["pid"]]
    check(tag + ": names: its wait is woken by main thread", len(waits) == 1 and
          waits[0]["args"].get("woken_by") == "main thread", waits)
    st, out, err = crace_trace(path)
    check(tag + ": names: crace-trace prints it", st == 0 and "caf\u00e9" in out, out + err)


def test_labels(exe, tag):
    """crace_set_label's labels on the thread's slices and instants, and on
    the report instant for both threads."""
    ev, err, path = trace_run(exe, "labels", "labels-" + tag, "trace_locks=1", expect=66)
    if ev is None:
        return
    want = {"request": "42", "worker": "3"}
    mine = {"role": "main"}
    waits = [e for e in by_name(ev, "mutex wait") if e["tid"] != e["pid"]]
    check(tag + ": labels: the labelled thread's wait carries its labels", len(waits) == 1 and
          waits[0]["args"].get("labels") == want and
          waits[0]["args"]["at"].endswith("trace_prog.c:%d" % line_of("LABELLED_WAIT")), waits)
    holds = by_name(ev, "lock held")
    check(tag + ": labels: every hold slice carries its thread's labels", len(holds) == 2 and
          all(h["args"].get("labels") == (mine if h["tid"] == h["pid"] else want)
              for h in holds), holds)
    exits = [e for e in by_name(ev, "thread exit", "i") if e["tid"] != e["pid"]]
    check(tag + ": labels: the thread exit instant carries them", len(exits) == 1 and
          exits[0]["args"].get("labels") == want, exits)
    starts = [e for e in by_name(ev, "thread start", "i") if e["tid"] != e["pid"]]
    check(tag + ": labels: none at the thread's start (set later)", len(starts) == 1 and
          "labels" not in starts[0]["args"], starts)
    reps = by_name(ev, "DATA RACE", "i")
    check(tag + ": labels: the report instant has both threads' labels", len(reps) == 1 and
          reps[0]["args"].get("current_labels") == mine and
          reps[0]["args"].get("previous_labels") == want, reps)
    st, out, err = crace_trace(path)
    check(tag + ": labels: crace-trace shows them on the wait", st == 0 and
          "labels request=42 worker=3" in out, out + err)


def test_with_profiles(exe, tag):
    """The trace and the profiles are two tools on one event stream: both
    on at once, each gets every event."""
    prof = os.path.join(WORK, "mutex-%s.pb.gz" % tag)
    ev, err, path = trace_run(exe, "waits", "profiled-" + tag,
                              "mutex_profile=%s block_profile=%s.block" % (prof, prof))
    if ev is None:
        return
    lock_l = [e for e in by_name(ev, "mutex wait")
              if e["args"]["at"].endswith("trace_prog.c:%d" % line_of("CONTENDED_WAIT"))]
    check(tag + ": with profiles on: the trace still has the 3 contended waits",
          len(lock_l) == 3 and all(flow_into(ev, e) for e in lock_l), lock_l)
    for f in (prof, prof + ".block"):
        with open(f, "rb") as fh:
            head = fh.read(2)
        check(tag + ": with the trace on: %s written (gzip)" % os.path.basename(f),
              head == b"\x1f\x8b", head)
    # halt_on_error's exit writes both too (the tools' fini on the report's stack)
    hprof = os.path.join(WORK, "halt-%s.pb.gz" % tag)
    ev, err, path = trace_run(exe, "haltstuck", "halt-profiled-" + tag,
                              "halt_on_error=1 atexit_sleep_ms=0 block_profile=" + hprof,
                              expect=66)
    head = open(hprof, "rb").read(2) if os.path.exists(hprof) else b""
    check(tag + ": halt_on_error: the trace closed and the block profile written",
          ev is not None and by_name(ev, "trace end", "i") and head == b"\x1f\x8b", head)


def test_options(exe):
    st, out, err = run([exe, "race"], env={"CRACE_OPTIONS": "trace_path=%s" %
                                           os.path.join(WORK, "pid.%p.json")})
    files = [f for f in os.listdir(WORK) if re.match(r"pid\.\d+\.json$", f)]
    check("options: %p in trace_path is the pid", len(files) == 1, os.listdir(WORK))
    for opts, what in (("trace_path=", "trace_path"), ("trace_path=/nonexistent/dir/t.json", "open"),
                       ("trace_path=x.json trace_max_mb=0", "trace_max_mb"),
                       ("trace_path=x.json trace_locks=2", "trace_locks")):
        st, out, err = run([exe, "waits"], env={"CRACE_OPTIONS": opts})
        check("options: %s: exit 2 with one line" % opts, st == 2 and err.startswith("crace: ")
              and len(err.strip().splitlines()) == 1 and what in err, "%d %r" % (st, err))
    st, out, err = run([exe, "waits"], env={"CRACE_OPTIONS": ""})
    check("options: no trace_path, no trace file", st == 0 and not [
        f for f in os.listdir(WORK) if f.startswith("x.json")])


def test_tool(path):
    with open(path, "rb") as f:
        data = f.read()
    cut = os.path.join(WORK, "truncated.json")
    with open(cut, "wb") as f:
        f.write(data[:len(data) * 2 // 3])
    st, out, err = crace_trace(cut)
    check("tool: a truncated trace is read up to its last whole record",
          st == 0 and "incomplete" in out and "Threads" in out, out + err)
    junk = os.path.join(WORK, "junk.json")
    with open(junk, "wb") as f:
        f.write(b"\x00\xffnot json at all")
    st, out, err = crace_trace(junk)
    check("tool: garbage: exit 2, one clear line", st == 2 and "not a Trace Event JSON" in err
          and "Traceback" not in err, err)
    st, out, err = crace_trace(os.path.join(WORK, "missing.json"))
    check("tool: a missing file: exit 2", st == 2 and "cannot read" in err, err)
    st, out, err = crace_trace()
    check("tool: no file: usage, exit 2", st == 2 and "usage" in err, err)
    st, out, err = crace_trace("--top", "0", path)
    check("tool: --top 0 is refused", st == 2, err)
    st, out, err = crace_trace("--top", "1", path)
    check("tool: --top 1 shows one wait", st == 0 and "  1. " in out and "  2. " not in out, out)


def test_checker(path):
    base = check_trace.load(path)
    flows = [e for e in base if e["ph"] == "f"]
    broken = [e for e in base if e is not flows[0]] if flows else None
    check("checker: finds a flow without its end", broken is not None and any(
        "start(s)" in p for p in check_trace.check(broken)))
    x = next(e for e in base if e["ph"] == "X" and e["cat"] == "wait")
    overlap = dict(x, ts=x["ts"] + x["dur"] / 2, name="overlapping")
    check("checker: finds slices that overlap without nesting",
          any("without nesting" in p for p in check_trace.check(base + [overlap])))
    unnamed = dict(x, tid=999999)
    check("checker: finds a thread without a name",
          any("without a thread_name" in p for p in check_trace.check(base + [unnamed])))
    same = dict(x, dur=x["dur"] / 2, name="same start")
    check("checker: finds two slices of a thread that begin together",
          any("both begin at" in p for p in check_trace.check(base + [same])))
    for what, bad in (("a string pid", dict(x, pid=str(x["pid"]))),
                      ("a negative ts", dict(x, ts=-1.0)),
                      ("a bool dur", dict(x, dur=True)),
                      ("a two-letter phase", dict(x, ph="XX")),
                      ("args that are a list", dict(x, args=[])),
                      ("an empty thread name", {"ph": "M", "name": "thread_name", "cat":
                                                "__metadata", "pid": x["pid"], "tid": x["tid"],
                                                "args": {"name": ""}}),
                      ("bp on a flow start", dict(x, ph="s", id=1, bp="e"))):
        check("checker: finds %s" % what, check_trace.check(base + [bad]) != [])
    for what, text in (("a key twice", '[{"ph":"i","ph":"X"}]'), ("NaN", '[{"ts":NaN}]'),
                       ("ts finer than a nanosecond", '[{"ts":1.0001}]'),
                       ("ts in exponent form", '[{"ts":1e3}]'),
                       ("bytes that are not UTF-8", b'[{"name":"\xff"}]')):
        bad = os.path.join(WORK, "bad.json")
        with open(bad, "wb") as f:
            f.write(text if isinstance(text, bytes) else text.encode())
        try:
            check_trace.load(bad)
            check("checker: refuses %s" % what, False)
        except ValueError:
            check("checker: refuses %s" % what, True)


def main():
    try:
        first = None
        for opt in ("O2", "O0"):
            exe = build(opt)
            tag = "%s-%s" % (CC, opt)
            test_waits(exe, tag)
            first = first or os.path.join(WORK, "waits-%s.json" % tag)
            if opt == "O2":
                test_locks(exe, tag)
                test_race(exe, tag)
                test_stuck(exe, tag)
                test_halt_stuck(exe, tag)
                test_cut(exe, tag)
                test_fork(exe, tag)
                test_names(exe, tag)
                test_labels(exe, tag)
                test_with_profiles(exe, tag)
                test_options(exe)
        if os.path.exists(first):
            test_tool(first)
            test_checker(first)
    finally:
        shutil.rmtree(WORK, ignore_errors=True)
    failed = results.count(False)
    print("%d passed, %d failed" % (len(results) - failed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
