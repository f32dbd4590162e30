#!/usr/bin/env python3
"""check_trace.py TRACE.json - is a crace execution trace well formed?

check(events) returns a list of problems (empty: fine). It checks what the
Trace Event Format requires and what Perfetto's JSON importer relies on:
  - the file is a JSON array of event objects, each with ph, name, cat, pid
    and tid, and ts for every event that is not metadata;
  - B/E slices pair up on their thread, in order; X slices have dur >= 0;
  - on each thread, slices nest (a slice that starts inside another ends
    inside it): one track per thread shows them without overlap;
  - flow events: each id has exactly one start (s) and one end (f) with the
    same cat and name; each binds to a slice as Perfetto binds them (the
    start to the slice open on its thread at its time, the end with
    "bp":"e" to the slice enclosing it), strictly inside it, and the arrow
    goes forward in time;
  - every pid has a process_name and every thread used a thread_name.
"""
import json
import sys


def ns(v):
    return int(round(float(v) * 1000))


def slices_by_thread(events, problems):
    """{(pid, tid): [(start_ns, end_ns, event)]} from X and B/E events."""
    out, open_b = {}, {}
    for e in sorted((e for e in events if e.get("ph") in ("B", "E")), key=lambda e: ns(e["ts"])):
        key = (e["pid"], e["tid"])
        if e["ph"] == "B":
            open_b.setdefault(key, []).append(e)
        elif not open_b.get(key):
            problems.append("E without its B on tid %s: %s" % (e["tid"], e.get("name")))
        else:
            b = open_b[key].pop()
            out.setdefault(key, []).append((ns(b["ts"]), ns(e["ts"]), b))
    for key, left in open_b.items():
        for b in left:
            problems.append("B without its E on tid %s: %s" % (key[1], b.get("name")))
    for e in events:
        if e.get("ph") == "X":
            s = ns(e["ts"])
            out.setdefault((e["pid"], e["tid"]), []).append((s, s + ns(e["dur"]), e))
    return out


def check_nesting(slices, problems):
    for key, ss in slices.items():
        stack = []
        for s, end, e in sorted(ss, key=lambda x: (x[0], -x[1])):
            while stack and stack[-1][1] <= s:
                stack.pop()
            if stack and end > stack[-1][1]:
                o = stack[-1][2]
                problems.append("tid %s: %s [%d, %d] overlaps %s [%d, %d] without nesting" % (
                    key[1], e.get("name"), s, end, o.get("name"), stack[-1][0], stack[-1][1]))
            stack.append((s, end, e))


def binding(slices, e):
    """The innermost slice on e's thread strictly around e's time, or None."""
    t, best = ns(e["ts"]), None
    for s, end, x in slices.get((e["pid"], e["tid"]), []):
        if s < t < end and (best is None or s >= best[0]):
            best = (s, end, x)
    return best


def check_flows(events, slices, problems):
    flows = {}
    for e in events:
        if e.get("ph") in ("s", "t", "f"):
            if not isinstance(e.get("id"), int):
                problems.append("flow event without an integer id: %s" % e)
                continue
            flows.setdefault((e["id"], e.get("cat"), e.get("name")), []).append(e)
    for key, es in flows.items():
        starts = [e for e in es if e["ph"] == "s"]
        ends = [e for e in es if e["ph"] == "f"]
        if len(starts) != 1 or len(ends) != 1:
            problems.append("flow %s: %d start(s) and %d end(s)" % (key, len(starts), len(ends)))
            continue
        s, f = starts[0], ends[0]
        if f.get("bp") != "e":
            problems.append("flow %s: its end does not bind to the enclosing slice" % (key,))
        bs, bf = binding(slices, s), binding(slices, f)
        if not bs:
            problems.append("flow %s: no slice around its start (tid %s, ts %s)" % (
                key, s["tid"], s["ts"]))
        if not bf:
            problems.append("flow %s: no slice around its end (tid %s, ts %s)" % (
                key, f["tid"], f["ts"]))
        if bs and bf and not bs[0] < bf[0]:
            problems.append("flow %s: its arrow goes backwards in time" % (key,))
        if ns(s["ts"]) >= ns(f["ts"]):
            problems.append("flow %s: starts at %s, after its end at %s" % (key, s["ts"], f["ts"]))


def check(events):
    problems = []
    if not isinstance(events, list):
        return ["not a JSON array of events"]
    for e in events:
        if not isinstance(e, dict) or not all(k in e for k in ("ph", "name", "cat", "pid", "tid")):
            problems.append("event without ph/name/cat/pid/tid: %s" % (e,))
            return problems
        if e["ph"] not in "MXBEistf":
            problems.append("unexpected phase %r" % e["ph"])
        if e["ph"] != "M" and not isinstance(e.get("ts"), (int, float)):
            problems.append("event without a numeric ts: %s" % e)
            return problems
        if e["ph"] == "X" and not (isinstance(e.get("dur"), (int, float)) and e["dur"] >= 0):
            problems.append("X event without dur >= 0: %s" % e)
            return problems
        if e["ph"] == "i" and e.get("s", "t") not in ("t", "p", "g"):
            problems.append("instant with scope %r" % e.get("s"))
    named = {(e["pid"], e["tid"]) for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
    procs = {e["pid"] for e in events if e["ph"] == "M" and e["name"] == "process_name"}
    for e in events:
        if e["ph"] != "M" and (e["pid"], e["tid"]) not in named:
            problems.append("tid %s used without a thread_name: %s" % (e["tid"], e["name"]))
            break
    for pid in {e["pid"] for e in events} - procs:
        problems.append("pid %s without a process_name" % pid)
    slices = slices_by_thread(events, problems)
    check_nesting(slices, problems)
    check_flows(events, slices, problems)
    return problems


def load(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_trace.py TRACE.json")
    found = check(load(sys.argv[1]))
    for p in found:
        print(p)
    sys.exit(1 if found else 0)
