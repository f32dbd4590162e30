#!/usr/bin/env python3
"""check_trace.py TRACE.json - is a crace execution trace well formed?

check(events) returns a list of problems (empty: fine). It checks what the
Trace Event Format requires and what Perfetto's JSON importer relies on:
  - load(): strict JSON (UTF-8, no NaN or Infinity, no key twice in an
    object), and every ts and dur written in microseconds with at most 3
    decimals (nanoseconds: Perfetto rounds ts * 1000 to an integer);
  - the file is a JSON array of event objects, each with a one-letter ph
    of a kind we write, string name and cat, integer pid and tid >= 0, a
    number ts >= 0 for every event that is not metadata, args an object;
  - metadata (M): process_name / thread_name with a non-empty string
    args.name, thread_sort_index with an integer args.sort_index;
  - B/E slices pair up on their thread, in order; X slices have dur >= 0;
    instants (i) have scope t, p or g;
  - on each thread, slices nest (a slice that starts inside another ends
    inside it), thread-scoped instants counted as the zero-length slices
    Perfetto makes of them: one track per thread shows them without
    overlap; no two slices of a thread begin at the same time (their order
    would be Perfetto's guess);
  - flow events: integer ids, keyed as Perfetto keys version-1 flows (id,
    cat, name): each has exactly one start (s) and one end (f); each binds
    to a slice as Perfetto binds them (the start to the slice open on its
    thread at its time, the end with "bp":"e" to the slice enclosing it),
    strictly inside it, and the arrow goes forward in time;
  - every pid has a process_name and every thread used a thread_name.
"""
import json
import sys


def ns(v):
    return int(round(float(v) * 1000))


def slices_by_thread(events, problems):
    """{(pid, tid): [(start_ns, end_ns, event)]} from X and B/E events and
    thread-scoped instants (zero-length slices in Perfetto)."""
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
        if e.get("ph") == "X" or (e.get("ph") == "i" and e.get("s", "t") == "t"):
            s = ns(e["ts"])
            out.setdefault((e["pid"], e["tid"]), []).append((s, s + ns(e.get("dur", 0)), e))
    return out


def check_nesting(slices, problems):
    for key, ss in slices.items():
        starts = {}
        for s, end, e in ss:
            if s in starts and e.get("ph") != "i" and starts[s].get("ph") != "i":
                problems.append("tid %s: %s and %s both begin at %d ns" % (
                    key[1], starts[s].get("name"), e.get("name"), s))
            starts[s] = e
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
        if s < t < end and (best is None or s > best[0]):
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


def is_int(v):
    return isinstance(v, int) and not isinstance(v, bool)


def is_num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool)


META = {"process_name": ("name", str), "thread_name": ("name", str),
        "thread_sort_index": ("sort_index", int), "process_sort_index": ("sort_index", int)}


def check_event(e, problems):
    """The fields of one event; False when it is too broken to go on."""
    if not isinstance(e, dict) or not all(k in e for k in ("ph", "name", "cat", "pid", "tid")):
        problems.append("event without ph/name/cat/pid/tid: %s" % (e,))
        return False
    if not (isinstance(e["ph"], str) and len(e["ph"]) == 1 and e["ph"] in "MXBEistf"):
        problems.append("unexpected phase %r" % (e["ph"],))
        return False
    if not isinstance(e["name"], str) or not isinstance(e["cat"], str) or not e["name"]:
        problems.append("name and cat must be strings (name non-empty): %s" % e)
    if not (is_int(e["pid"]) and is_int(e["tid"]) and e["pid"] >= 0 and e["tid"] >= 0):
        problems.append("pid and tid must be integers >= 0: %s" % e)
        return False
    if "args" in e and not isinstance(e["args"], dict):
        problems.append("args must be an object: %s" % e)
        return False
    if e["ph"] == "M":
        key, kind = META.get(e["name"], (None, None))
        val = e.get("args", {}).get(key) if key else None
        if key is None or not isinstance(val, kind) or isinstance(val, bool) or val == "":
            problems.append("metadata event Perfetto would not read: %s" % e)
        return True
    if not (is_num(e.get("ts")) and e["ts"] >= 0):
        problems.append("event without a numeric ts >= 0: %s" % e)
        return False
    if e["ph"] == "X" and not (is_num(e.get("dur")) and e["dur"] >= 0):
        problems.append("X event without dur >= 0: %s" % e)
        return False
    if e["ph"] == "i" and e.get("s", "t") not in ("t", "p", "g"):
        problems.append("instant with scope %r" % e.get("s"))
    if "bp" in e and (e["ph"] != "f" or e["bp"] != "e"):
        problems.append("bp is for flow ends, and only \"e\" binds as we mean: %s" % e)
    return True


def check(events):
    problems = []
    if not isinstance(events, list):
        return ["not a JSON array of events"]
    for e in events:
        if not check_event(e, problems):
            return problems
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


def no_twice(pairs):
    d = {}
    for k, v in pairs:
        if k in d:
            raise ValueError("key %r twice in one object" % k)
        d[k] = v
    return d


def no_constant(name):
    raise ValueError("%s is not JSON" % name)


def at_most_ns(text):
    """A number as written: microseconds with at most 3 decimals."""
    if "e" in text.lower() or len(text.partition(".")[2]) > 3:
        raise ValueError("%s: not microseconds with nanosecond precision" % text)
    return float(text)


def load(path):
    """The events of a trace file, read strictly (see the module's doc)."""
    with open(path, "rb") as f:
        text = f.read().decode("utf-8")  # strict: bytes that are not UTF-8 fail
    return json.loads(text, object_pairs_hook=no_twice, parse_constant=no_constant,
                      parse_float=at_most_ns)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: check_trace.py TRACE.json")
    found = check(load(sys.argv[1]))
    for p in found:
        print(p)
    sys.exit(1 if found else 0)
