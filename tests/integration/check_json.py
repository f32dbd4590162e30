#!/usr/bin/env python3
"""check_json.py FILE [RACES [DEADLOCKS]] - validate crace's report_format=json output.

Every line must be a JSON object following the schema in the README:
data_race objects (current/previous access with the mutexes each held,
location, the mutexes' origins, threads), deadlock objects (thread blocks:
what each thread waits for, its stack, its locks; the cycle; the mutexes'
origins; the threads' creation), thread_dump objects (crace_dump,
dump_signal) and one final summary object. With RACES (and DEADLOCKS), the
summary must count that many races (and deadlocks).
"""
import json
import sys


def fail(msg):
    print("check_json: " + msg)
    sys.exit(1)


def need(obj, key, types, where):
    if key not in obj:
        fail(f"{where}: missing '{key}'")
    if not isinstance(obj[key], types):
        fail(f"{where}: '{key}' has type {type(obj[key]).__name__}")
    return obj[key]


def check_frames(frames, where, allow_empty=False):
    if not isinstance(frames, list) or (not frames and not allow_empty):
        fail(f"{where}: stack must be a non-empty list")
    for i, f in enumerate(frames):
        w = f"{where}[{i}]"
        need(f, "function", str, w)
        need(f, "file", (str, type(None)), w)
        need(f, "line", int, w)
        need(f, "module", (str, type(None)), w)
        if not need(f, "pc", str, w).startswith("0x"):
            fail(f"{w}: pc is not hex")


def check_thread_ref(t, where):
    need(t, "id", int, where)
    need(t, "main", bool, where)
    need(t, "name", (str, type(None)), where)


def check_access(a, where):
    if need(a, "kind", str, where) not in ("read", "write"):
        fail(f"{where}: kind must be read or write")
    need(a, "atomic", bool, where)
    need(a, "free", bool, where)
    if not need(a, "addr", str, where).startswith("0x"):
        fail(f"{where}: addr is not hex")
    check_thread_ref(need(a, "thread", dict, where), where + ".thread")


def check_held(a, where, ids):
    """An access's "mutexes": [{id, addr, read}], or null when unknown."""
    held = need(a, "mutexes", (list, type(None)), where)
    for i, m in enumerate(held or []):
        w = f"{where}.mutexes[{i}]"
        ids.add(need(m, "id", int, w))
        if not need(m, "addr", str, w).startswith("0x"):
            fail(f"{w}: addr is not hex")
        need(m, "read", bool, w)


def check_mutexes(r, where, ids):
    """The report's "mutexes": one object per id named by an access."""
    seen = set()
    for i, m in enumerate(need(r, "mutexes", list, where)):
        w = f"{where}.mutexes[{i}]"
        seen.add(need(m, "id", int, w))
        if not need(m, "addr", str, w).startswith("0x"):
            fail(f"{w}: addr is not hex")
        origin = need(m, "origin", (str, type(None)), w)
        if origin is None:
            need(m, "stack", type(None), w)
            continue
        if origin not in ("created", "first_locked"):
            fail(f"{w}: bad origin '{origin}'")
        need(m, "thread", int, w)
        check_frames(need(m, "stack", list, w), w + ".stack")
    if seen != ids:
        fail(f"{where}: mutexes {sorted(seen)} but accesses name {sorted(ids)}")


def check_race(r, n):
    w = f"race {n}"
    cur = need(r, "current", dict, w)
    check_access(cur, w + ".current")
    check_frames(need(cur, "stack", list, w + ".current"), w + ".current.stack")
    prev = need(r, "previous", dict, w)
    check_access(prev, w + ".previous")
    need(prev, "stack", (list, type(None)), w + ".previous")
    if prev["stack"] is not None:
        check_frames(prev["stack"], w + ".previous.stack")
    ids = set()
    check_held(cur, w + ".current", ids)
    check_held(prev, w + ".previous", ids)
    check_mutexes(r, w, ids)
    loc = need(r, "location", (dict, type(None)), w)
    if loc is not None and need(loc, "kind", str, w + ".location") not in (
            "global", "heap", "stack", "tls", "fd"):
        fail(f"{w}: bad location kind")
    for i, t in enumerate(need(r, "threads", list, w)):
        check_thread_ref(t, f"{w}.threads[{i}]")
        if need(t, "state", str, f"{w}.threads[{i}]") not in ("running", "finished"):
            fail(f"{w}: bad thread state")
        check_frames(need(t, "created_at", list, f"{w}.threads[{i}]"),
                     f"{w}.threads[{i}].created_at", allow_empty=True)


WAIT_KINDS = ("mutex", "rdlock", "wrlock", "spin", "cond", "join", "sem", "barrier", "once")


def check_wait(w, where, mutex_ids):
    kind = need(w, "kind", str, where)
    if kind not in WAIT_KINDS:
        fail(f"{where}: bad wait kind '{kind}'")
    need(w, "call", (str, type(None)), where)
    if not need(w, "addr", str, where).startswith("0x"):
        fail(f"{where}: addr is not hex")
    mutex = need(w, "mutex", (int, type(None)), where)
    cond = need(w, "cond", (int, type(None)), where)
    if kind in ("mutex", "rdlock", "wrlock", "spin", "cond") and mutex is None:
        fail(f"{where}: a {kind} wait names no mutex")
    if (kind == "cond") != (cond is not None):
        fail(f"{where}: cond is set exactly for condition waits")
    if mutex is not None:
        mutex_ids.add(mutex)
    for i, h in enumerate(need(w, "held_by", list, where)):
        check_thread_ref(h, f"{where}.held_by[{i}]")
        need(h, "finished", bool, f"{where}.held_by[{i}]")
        need(h, "read", bool, f"{where}.held_by[{i}]")
    joining = need(w, "joining", (dict, type(None)), where)
    if joining is not None:
        if kind != "join":
            fail(f"{where}: joining set for a {kind} wait")
        check_thread_ref(joining, where + ".joining")
    need(w, "timed", bool, where)
    need(w, "seconds", (int, float, type(None)), where)


def check_block(b, where, mutex_ids):
    """A thread block: a thread (or a group of threads alike)."""
    check_thread_ref(b, where)
    for x in need(b, "like", list, where):
        if not isinstance(x, int):
            fail(f"{where}: like holds a non-integer")
    wait = need(b, "wait", (dict, type(None)), where)
    if wait is not None:
        check_wait(wait, where + ".wait", mutex_ids)
    need(b, "note", (str, type(None)), where)
    check_frames(need(b, "stack", list, where), where + ".stack", allow_empty=True)
    need(b, "partial", bool, where)
    fake = {"mutexes": need(b, "mutexes", list, where)}
    check_held(fake, where, mutex_ids)
    check_frames(need(b, "created_at", list, where), where + ".created_at", allow_empty=True)
    creator = need(b, "created_by", (dict, type(None)), where)
    if creator is not None:
        check_thread_ref(creator, where + ".created_by")


def check_deadlock(r, n):
    w = f"deadlock {n}"
    reason = need(r, "reason", str, w)
    if reason not in ("cycle", "all_blocked"):
        fail(f"{w}: bad reason '{reason}'")
    blocks = need(r, "threads", list, w)
    if not blocks:
        fail(f"{w}: no threads")
    ids = set()
    for i, b in enumerate(blocks):
        check_block(b, f"{w}.threads[{i}]", ids)
        if reason == "all_blocked" and b["wait"] is None:
            fail(f"{w}.threads[{i}]: a running thread in an all-blocked deadlock")
    cycle = need(r, "cycle", (list, type(None)), w)
    if (reason == "cycle") != (cycle is not None):
        fail(f"{w}: cycle is set exactly for reason 'cycle'")
    for i, step in enumerate(cycle or []):
        check_thread_ref(need(step, "thread", dict, f"{w}.cycle[{i}]"), f"{w}.cycle[{i}].thread")
        m = need(step, "mutex", (int, type(None)), f"{w}.cycle[{i}]")
        if m is not None and m not in ids:
            fail(f"{w}.cycle[{i}]: mutex {m} is named by no thread")
    check_mutexes(r, w, ids)
    for i, t in enumerate(need(r, "created", list, w)):
        check_thread_ref(t, f"{w}.created[{i}]")
        if need(t, "state", str, f"{w}.created[{i}]") not in ("running", "finished"):
            fail(f"{w}: bad thread state")
        check_frames(need(t, "created_at", list, f"{w}.created[{i}]"),
                     f"{w}.created[{i}].created_at", allow_empty=True)


def check_dump(r, n):
    w = f"thread_dump {n}"
    need(r, "pid", int, w)
    blocks = need(r, "threads", list, w)
    if not blocks:
        fail(f"{w}: no threads")
    for i, b in enumerate(blocks):
        check_block(b, f"{w}.threads[{i}]", set())


def main():
    lines = [l for l in open(sys.argv[1]) if l.strip()]
    if not lines:
        fail("no output")
    races = deadlocks = dumps = 0
    for i, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except ValueError as e:
            fail(f"line {i + 1} is not JSON: {e}")
        kind = need(obj, "type", str, f"line {i + 1}")
        if kind == "data_race":
            races += 1
            check_race(obj, races)
        elif kind == "deadlock":
            deadlocks += 1
            check_deadlock(obj, deadlocks)
        elif kind == "thread_dump":
            dumps += 1
            check_dump(obj, dumps)
        elif kind == "summary":
            if i != len(lines) - 1:
                fail("summary is not the last line")
            if need(obj, "races", int, "summary") != races:
                fail(f"summary counts {obj['races']} races, {races} printed")
            if need(obj, "deadlocks", int, "summary") != deadlocks:
                fail(f"summary counts {obj['deadlocks']} deadlocks, {deadlocks} printed")
            need(obj, "suppressed", int, "summary")
        else:
            fail(f"line {i + 1}: unknown type '{kind}'")
    if races + deadlocks and json.loads(lines[-1]).get("type") != "summary":
        fail("no summary line")
    if len(sys.argv) > 2 and races != int(sys.argv[2]):
        fail(f"{races} races, expected {sys.argv[2]}")
    if len(sys.argv) > 3 and deadlocks != int(sys.argv[3]):
        fail(f"{deadlocks} deadlocks, expected {sys.argv[3]}")
    print(f"check_json: {races} race, {deadlocks} deadlock and {dumps} thread_dump object(s) valid")


main()
