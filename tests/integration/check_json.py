#!/usr/bin/env python3
"""check_json.py FILE [RACES [DEADLOCKS]] [--case CASE.c] [--text RECORDS] -
check crace's report_format=json output.

Every line must be a JSON object following the schema in the README:
data_race objects (current/previous access with the mutexes each held and
the count of outer frames not recorded, location, the mutexes' origins,
threads), deadlock objects (thread blocks: what each thread waits for, its
stack, its locks; the cycle; the mutexes' origins; the threads' creation),
the lock and signal tools' objects (lock_order_inversion, lock_misuse,
thread_leak, signal_hazard: sites with their stacks, mutexes, threads),
thread_dump objects (crace_dump, dump_signal) and one final summary object,
which counts each kind found (races always).

  RACES         the output must hold exactly that many races.
  DEADLOCKS     ... and exactly that many deadlocks.
  --case CASE.c the races must match the case's directives (run_case.sh's
                header documents them): exactly REPORTS races; each
                RACE-LINES pair is the innermost frames of the current and
                previous access (either way round) of its own race, one race
                per pair; RACE-ACCESS is the current and previous kind of some
                race.
  --text TSV    the same program's text reports, as parse_reports.awk records
                (run_case.sh's reports.tsv): the JSON races must be the same
                reports (a report's two accesses may be swapped: the second
                run of threads not ordered in real time), access by access,
                frame by frame (function, file base name, line), with the
                same mutexes held, the same location kind and stack, the
                same mutexes' and threads' origins (threads and mutexes are
                compared by origin, not by number: numbers depend on timing).
"""
import argparse
import json
import os
import re
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
    if need(a, "outer_frames_missing", int, where) < 0:
        fail(f"{where}: outer_frames_missing is negative")


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
    listed = set()
    for i, t in enumerate(need(r, "threads", list, w)):
        check_thread_ref(t, f"{w}.threads[{i}]")
        listed.add(t["id"])
        if need(t, "state", str, f"{w}.threads[{i}]") not in ("running", "finished"):
            fail(f"{w}: bad thread state")
        check_frames(need(t, "created_at", list, f"{w}.threads[{i}]"),
                     f"{w}.threads[{i}].created_at", allow_empty=True)
        labels = need(t, "labels", dict, f"{w}.threads[{i}]")
        if not all(isinstance(v, str) for v in labels.values()):
            fail(f"{w}.threads[{i}].labels: values must be strings")
        if t["main"]:  # the main thread is listed only to show its labels
            if not labels:
                fail(f"{w}.threads[{i}]: the main thread listed without labels")
            listed.discard(t["id"])
    accessing = {a["thread"]["id"] for a in (cur, prev) if not a["thread"]["main"]}
    if listed != accessing:
        fail(f"{w}: threads {sorted(listed)} but the accesses are by threads {sorted(accessing)}")


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


# The summary's key for each kind of report other than races.
SUMMARY_KEYS = dict(TOOL_KINDS, deadlock="deadlocks")


def read_reports(path):
    """Validates every line; returns the data_race objects and the count of
    each other kind of object."""
    lines = [l for l in open(path) if l.strip()]
    if not lines:
        fail("no output")
    races = []
    counts = {k: 0 for k in list(SUMMARY_KEYS) + ["thread_dump"]}
    for i, line in enumerate(lines):
        try:
            obj = json.loads(line)
        except ValueError as e:
            fail(f"line {i + 1} is not JSON: {e}")
        kind = need(obj, "type", str, f"line {i + 1}")
        if kind == "data_race":
            races.append(obj)
            check_race(obj, len(races))
        elif kind in TOOL_KINDS:
            counts[kind] += 1
            check_tool_report(obj, kind, counts[kind])
        elif kind == "deadlock":
            counts[kind] += 1
            check_deadlock(obj, counts[kind])
        elif kind == "thread_dump":
            counts[kind] += 1
            check_dump(obj, counts[kind])
        elif kind == "summary":
            if i != len(lines) - 1:
                fail("summary is not the last line")
            if need(obj, "races", int, "summary") != len(races):
                fail(f"summary counts {obj['races']} races, {len(races)} printed")
            need(obj, "suppressed", int, "summary")
            for k, key in SUMMARY_KEYS.items():
                if obj.get(key, 0) != counts[k]:
                    fail(f"summary counts {obj.get(key, 0)} {key}, {counts[k]} printed")
        else:
            fail(f"line {i + 1}: unknown type '{kind}'")
    reports = len(races) + sum(counts[k] for k in SUMMARY_KEYS)
    if reports and json.loads(lines[-1]).get("type") != "summary":
        fail("no summary line")
    return races, counts


# ---- a race as comparable values: the same shape from JSON and from text

def frame_key(function, file, line):
    """Function, file base name and line; the file only when the line is known."""
    return (function, os.path.basename(file) if line > 0 and file else None, line)


def json_function(f):
    """The function as the text records name it: a C++ name carrying its
    parameter list ("signature") loses a final "()", as a C name's "()" is
    not part of it."""
    fn = f["function"]
    if f.get("signature") and fn.endswith("()"):
        fn = fn[:-2]
    return fn


def json_frames(frames):
    return tuple(frame_key(json_function(f), f["file"], f["line"]) for f in frames or [])


# Thread and mutex numbers depend on timing (which thread was created first,
# which access came first), so a thread is described by its creation stack
# and a mutex by where it came from, not by their numbers.

def thread_kind(tid_main, frames):
    return "main" if tid_main else ("thread", frames)


def mutex_desc(origin, thread, frames):
    """origin created|first_locked|unknown, thread main|thread|-."""
    return (origin, thread, frames)


def json_key(r):
    created = {t["id"]: json_frames(t["created_at"]) for t in r["threads"]}
    mutexes = {}
    for m in r["mutexes"]:
        thread = "-" if m["origin"] is None else ("main" if m["thread"] == 0 else "thread")
        mutexes[m["id"]] = mutex_desc(m["origin"] or "unknown", thread, json_frames(m["stack"]))

    def access(a):
        t = a["thread"]
        held = sorted(((mutexes.get(m["id"]), m["read"]) for m in a["mutexes"] or []), key=repr)
        return (a["kind"], thread_kind(t["main"], created.get(t["id"])), a["atomic"], a["free"],
                json_frames(a["stack"]), tuple(held))

    loc = r["location"]
    loc_kind = loc["kind"] if loc else None
    loc_frames = json_frames(loc.get("stack")) if loc else ()
    return (access(r["current"]), access(r["previous"]), loc_kind, loc_frames,
            tuple(sorted(created.values())), tuple(sorted(mutexes.values(), key=repr)))


def text_keys(path):
    """The text reports of parse_reports.awk's records, in json_key's shape."""
    reps = {}

    def rep(n):
        return reps.setdefault(n, {"hdr": {}, "frames": {}, "loc": None, "threads": [],
                                   "held": {}, "mutexes": {}})

    for line in open(path):
        f = line.rstrip("\n").split("\t")
        if f[0] == "REPORT":
            rep(f[1])
        elif f[0] == "HDR":  # n sec kind thread atomic free
            rep(f[1])["hdr"][f[2]] = (f[3], f[4], f[5] == "1", f[6] == "1")
        elif f[0] == "FRAME":  # n sec idx function file line
            rep(f[1])["frames"].setdefault(f[2], []).append(frame_key(f[4], f[5], int(f[6])))
        elif f[0] == "LOC":
            rep(f[1])["loc"] = f[2]
        elif f[0] == "CREATED":  # n Tk state line
            rep(f[1])["threads"].append(f[2])
        elif f[0] == "HELD":  # n sec "M1 M2:read"
            rep(f[1])["held"][f[2]] = f[3].split()
        elif f[0] == "MUTEX":  # n Mk origin thread
            rep(f[1])["mutexes"][f[2]] = (f[3], f[4] if f[4] in ("main", "-") else "thread")
    keys = []
    for n in sorted(reps, key=int):
        r = reps[n]
        fr = r["frames"]
        created = {t: tuple(fr.get(t, [])) for t in r["threads"]}
        mutexes = {m: mutex_desc(o, t, tuple(fr.get(m, []))) for m, (o, t) in r["mutexes"].items()}

        def access(sec):
            kind, thr, atomic, free = r["hdr"].get(sec, (None,) * 4)
            held = sorted(((mutexes.get(h.split(":")[0]), h.endswith(":read"))
                           for h in r["held"].get(sec, [])), key=repr)
            return (kind, thread_kind(thr == "main", created.get(thr)), atomic, free,
                    tuple(fr.get(sec, [])), tuple(held))

        keys.append((access("cur"), access("prev"), r["loc"], tuple(fr.get("loc", [])),
                     tuple(sorted(created.values())), tuple(sorted(mutexes.values(), key=repr))))
    return keys


def show(key):
    ((ck, ct, ca, cf, cs, _), (pk, pt, pa, pf, ps, _)), loc = key[:2]

    def acc(kind, thr, atomic, free, stack):
        top = f"{stack[0][0]}@{stack[0][1]}:{stack[0][2]}" if stack else "?"
        who = thr if thr == "main" else "a thread"
        return f"{'atomic ' if atomic else ''}{kind}{' (free)' if free else ''} by {who} at {top}"

    return f"[{acc(ck, ct, ca, cf, cs)} / {acc(pk, pt, pa, pf, ps)}, location {loc}]"


def unordered(key):
    """A report with its two accesses in a fixed order: two runs of a case whose
    threads are not ordered in real time may see the accesses either way round."""
    return (tuple(sorted(key[:2], key=repr)),) + key[2:]


def compare_with_text(races, records):
    """The JSON and text outputs of two runs of one program: the same reports."""
    got = sorted((unordered(json_key(r)) for r in races), key=repr)
    want = sorted((unordered(k) for k in text_keys(records)), key=repr)
    if got == want:
        return
    missing = [k for k in want if k not in got]
    extra = [k for k in got if k not in want]
    msg = f"JSON races differ from the text reports ({len(got)} JSON, {len(want)} text)"
    for k in missing:
        msg += "\n  text only: " + show(k) + "\n    " + repr(k)
    for k in extra:
        msg += "\n  JSON only: " + show(k) + "\n    " + repr(k)
    fail(msg)


# ---- the case's directives

def directives(case):
    found = {}
    for line in open(case):
        m = re.match(r"//\s*(EXPECT|REPORTS|RACE-LINES|RACE-ACCESS):\s*(.*?)\s*$", line)
        if m:
            found.setdefault(m.group(1), []).append(m.group(2))
    return found


def top(access):
    """The innermost frame below a C++ operator new/delete (the allocation's
    or free's own frame), as run_case.sh's top_frame."""
    s = [f for f in access["stack"] or [] if not re.match(r"operator (new|delete)", f["function"])]
    return f"{os.path.basename(s[0]['file'] or '?')}:{s[0]['line']}" if s else "?"


def check_case(races, case):
    d = directives(case)
    base = os.path.basename(case)
    if d.get("EXPECT") != ["race"]:
        fail(f"{base} is not a race case (EXPECT: race)")
    if "REPORTS" not in d:
        fail(f"{base} has no REPORTS directive")
    want = int(d["REPORTS"][0])
    if len(races) != want:
        fail(f"{len(races)} JSON race(s), {base} expects REPORTS: {want}")
    tops = [(top(r["current"]), top(r["previous"])) for r in races]
    left = list(range(len(races)))
    for pair in d.get("RACE-LINES", []):
        a, b = (x if ":" in x else f"{base}:{x}" for x in pair.split())
        hit = next((i for i in left if tops[i] in ((a, b), (b, a))), None)
        if hit is None:
            fail(f"RACE-LINES {pair}: no (other) JSON race between {a} and {b} "
                 f"(current/previous innermost frames: {tops})")
        left.remove(hit)
    if "RACE-ACCESS" in d:
        k1, k2 = d["RACE-ACCESS"][0].split()
        kinds = [(r["current"]["kind"], r["previous"]["kind"]) for r in races]
        if (k1, k2) not in kinds:
            fail(f"RACE-ACCESS {k1} {k2}: no such JSON race (got {kinds})")


def main():
    ap = argparse.ArgumentParser(description="check crace's report_format=json output")
    ap.add_argument("file")
    ap.add_argument("races", nargs="?", type=int)
    ap.add_argument("deadlocks", nargs="?", type=int)
    ap.add_argument("--case")
    ap.add_argument("--text")
    args = ap.parse_args()
    races, counts = read_reports(args.file)
    if args.races is not None and len(races) != args.races:
        fail(f"{len(races)} races, expected {args.races}")
    if args.deadlocks is not None and counts["deadlock"] != args.deadlocks:
        fail(f"{counts['deadlock']} deadlocks, expected {args.deadlocks}")
    if args.case:
        check_case(races, args.case)
    if args.text:
        compare_with_text(races, args.text)
    others = "".join(f", {n} {k}" for k, n in counts.items() if n)
    print(f"check_json: {len(races)} race object(s) valid{others}")


main()
