#!/usr/bin/env python3
"""check_json.py FILE [RACES] - validate crace's report_format=json output.

Every line must be a JSON object following the schema in the README:
data_race objects (current/previous access with the mutexes each held,
location, the mutexes' origins, threads) and one
final summary object. With RACES, the summary must count that many races.
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
        labels = need(t, "labels", dict, f"{w}.threads[{i}]")
        if not all(isinstance(v, str) for v in labels.values()):
            fail(f"{w}.threads[{i}].labels: values must be strings")


def main():
    lines = [l for l in open(sys.argv[1]) if l.strip()]
    if not lines:
        fail("no output")
    races = 0
    for i, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except ValueError as e:
            fail(f"line {i + 1} is not JSON: {e}")
        kind = need(obj, "type", str, f"line {i + 1}")
        if kind == "data_race":
            races += 1
            check_race(obj, races)
        elif kind == "summary":
            if i != len(lines) - 1:
                fail("summary is not the last line")
            if need(obj, "races", int, "summary") != races:
                fail(f"summary counts {obj['races']} races, {races} printed")
            need(obj, "suppressed", int, "summary")
        else:
            fail(f"line {i + 1}: unknown type '{kind}'")
    if json.loads(lines[-1]).get("type") != "summary":
        fail("no summary line")
    if len(sys.argv) > 2 and races != int(sys.argv[2]):
        fail(f"{races} races, expected {sys.argv[2]}")
    print(f"check_json: {races} race object(s) valid")


main()
