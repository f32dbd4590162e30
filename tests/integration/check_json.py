#!/usr/bin/env python3
"""check_json.py FILE [RACES] - validate crace's report_format=json output.

Every line must be a JSON object following the schema in the README:
data_race objects (current/previous access with the mutexes each held,
location, the mutexes' origins, threads), the lock and signal tools'
objects (lock_order_inversion, lock_misuse, thread_leak, signal_hazard:
sites with their stacks, mutexes, threads) and one final summary object,
which counts each kind. With RACES, the summary must count that many races.
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


def check_threads(r, w):
    for i, t in enumerate(need(r, "threads", list, w)):
        check_thread_ref(t, f"{w}.threads[{i}]")
        if need(t, "state", str, f"{w}.threads[{i}]") not in ("running", "finished"):
            fail(f"{w}: bad thread state")
        check_frames(need(t, "created_at", list, f"{w}.threads[{i}]"),
                     f"{w}.threads[{i}].created_at", allow_empty=True)


SITE_ROLES = ("acquired", "held_since", "call", "owner_acquired", "destroyed", "other_wait")
MISUSES = ("unlock_unlocked", "unlock_not_owner", "double_lock", "destroy_locked",
           "use_destroyed", "cond_two_mutexes")


def check_sites(r, w, ids):
    """The tools' "sites": [{role, mutex, other, thread, stack}]."""
    sites = need(r, "sites", list, w)
    for i, site in enumerate(sites):
        ws = f"{w}.sites[{i}]"
        if need(site, "role", str, ws) not in SITE_ROLES:
            fail(f"{ws}: bad role '{site['role']}'")
        for key in ("mutex", "other"):
            m = need(site, key, (int, type(None)), ws)
            if m is not None:
                ids.add(m)
        thread = need(site, "thread", (dict, type(None)), ws)
        if thread is not None:
            check_thread_ref(thread, ws + ".thread")
        check_frames(need(site, "stack", list, ws), ws + ".stack", allow_empty=True)
    return sites


def check_tool_report(r, kind, n):
    """lock_order_inversion, lock_misuse, thread_leak, signal_hazard."""
    w = f"{kind} {n}"
    ids = set()
    sites = check_sites(r, w, ids)
    if kind == "lock_order_inversion":
        cycle = need(r, "cycle", list, w)
        if len(cycle) < 2 or not all(isinstance(m, int) for m in cycle):
            fail(f"{w}: cycle must list at least two mutex ids")
        ids.update(cycle)
        if len(sites) != 2 * len(cycle):
            fail(f"{w}: {len(sites)} sites for a cycle of {len(cycle)}")
        for i, site in enumerate(sites):
            if site["role"] != ("acquired", "held_since")[i % 2]:
                fail(f"{w}: site {i} is '{site['role']}'")
    elif kind == "lock_misuse":
        if need(r, "misuse", str, w) not in MISUSES:
            fail(f"{w}: bad misuse '{r['misuse']}'")
        need(r, "timed", bool, w)
        cond = need(r, "cond", (str, type(None)), w)
        if (cond is not None) != (r["misuse"] == "cond_two_mutexes"):
            fail(f"{w}: cond must be given for cond_two_mutexes only")
        if not sites or sites[0]["role"] != "call":
            fail(f"{w}: the first site must be the call")
    elif kind == "thread_leak":
        leaked = need(r, "leaked", list, w)
        if need(r, "count", int, w) != len(leaked) or not leaked:
            fail(f"{w}: count does not match leaked")
        if sites:
            fail(f"{w}: a thread leak has no sites")
    else:
        if need(r, "hazard", str, w) not in ("unsafe_call", "errno"):
            fail(f"{w}: bad hazard '{r['hazard']}'")
        need(r, "signal", int, w)
        fn = need(r, "function", (str, type(None)), w)
        if (fn is None) != (r["hazard"] == "errno"):
            fail(f"{w}: function must be given for an unsafe call only")
        if len(sites) != 1 or sites[0]["role"] != "call":
            fail(f"{w}: one site, the call")
    check_mutexes(r, w, ids)
    check_threads(r, w)


TOOL_KINDS = {"lock_order_inversion": "lock_order_inversions", "lock_misuse": "lock_misuses",
              "thread_leak": "thread_leaks", "signal_hazard": "signal_hazards"}


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
    check_threads(r, w)


def main():
    lines = [l for l in open(sys.argv[1]) if l.strip()]
    if not lines:
        fail("no output")
    races = 0
    counts = {k: 0 for k in TOOL_KINDS}
    for i, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except ValueError as e:
            fail(f"line {i + 1} is not JSON: {e}")
        kind = need(obj, "type", str, f"line {i + 1}")
        if kind == "data_race":
            races += 1
            check_race(obj, races)
        elif kind in TOOL_KINDS:
            counts[kind] += 1
            check_tool_report(obj, kind, counts[kind])
        elif kind == "summary":
            if i != len(lines) - 1:
                fail("summary is not the last line")
            if need(obj, "races", int, "summary") != races:
                fail(f"summary counts {obj['races']} races, {races} printed")
            need(obj, "suppressed", int, "summary")
            for k, key in TOOL_KINDS.items():
                if obj.get(key, 0) != counts[k]:
                    fail(f"summary counts {obj.get(key, 0)} {key}, {counts[k]} printed")
        else:
            fail(f"line {i + 1}: unknown type '{kind}'")
    if json.loads(lines[-1]).get("type") != "summary":
        fail("no summary line")
    if len(sys.argv) > 2 and races != int(sys.argv[2]):
        fail(f"{races} races, expected {sys.argv[2]}")
    others = ", ".join(f"{n} {k}" for k, n in counts.items() if n)
    print(f"check_json: {races} race object(s) valid" + (f", {others}" if others else ""))


main()
