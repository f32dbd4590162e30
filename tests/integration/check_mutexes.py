#!/usr/bin/env python3
"""check_mutexes.py SOURCE TEXT_LOG JSON_LOG - the locks in the report of
tests/integration/input/mutexes_held.c, in text and in JSON.

Expected: the current access (the read, thread T2) holds `table` for
reading; the previous one (the write, thread T1) holds `lazy` and `made`
but no longer `gone`. Numbered in order of appearance: M1 = table,
M2 = lazy, M3 = made. M1 and M2 were first locked (at the lines tagged
TABLE-FIRST-LOCK and LAZY-FIRST-LOCK), M3 created (MADE-INIT).
"""
import json
import re
import sys


def fail(msg, text=""):
    print("check_mutexes: " + msg)
    if text:
        print(text)
    sys.exit(1)


def tag_lines(source):
    tags = {}
    for n, line in enumerate(open(source), 1):
        m = re.search(r"/\* ([A-Z-]+) \*/", line)
        if m:
            tags[m.group(1)] = n
    return tags


def check_text(log, tags):
    text = open(log).read()
    if text.count("WARNING: DATA RACE") != 1:
        fail("expected exactly one report", text)
    held = re.findall(r"^Mutexes held: (.*)$", text, re.M)
    if len(held) != 2:
        fail(f"expected 2 'Mutexes held:' lines, got {len(held)}", text)
    cur = re.fullmatch(r"M1 \((0x[0-9a-f]+), read\)", held[0])
    prev = re.fullmatch(r"M2 \((0x[0-9a-f]+)\), M3 \((0x[0-9a-f]+)\)", held[1])
    if not cur or not prev:
        fail(f"unexpected held lists {held}", text)
    # each list sits right under its access's stack
    if not re.search(r"^Read at .* by thread T2:\n(  .*\n      .*\n)+Mutexes held: M1 ", text, re.M):
        fail("current access: 'Mutexes held' not under its stack", text)
    if not re.search(r"^Previous write at .* by thread T1:\n(  .*\n      .*\n)+Mutexes held: M2 ",
                     text, re.M):
        fail("previous access: 'Mutexes held' not under its stack", text)
    if "M4" in text:
        fail("a released lock (gone) is listed", text)
    addrs = {1: cur.group(1), 2: prev.group(1), 3: prev.group(2)}
    origins = {1: ("first locked by thread T2", "reader", tags["TABLE-FIRST-LOCK"]),
               2: ("first locked by thread T1", "writer", tags["LAZY-FIRST-LOCK"]),
               3: ("created by main thread", "main", tags["MADE-INIT"])}
    for k, (how, func, line) in origins.items():
        pat = (rf"^Mutex M{k} \({addrs[k]}\) {how} at:\n  {func}\(\)\n"
               rf"      \S*mutexes_held\.c:{line} \+0x[0-9a-f]+$")
        if not re.search(pat, text, re.M):
            fail(f"missing block for M{k}: /{pat}/", text)
    if not text.index("Mutex M3") < text.index("Thread T"):
        fail("mutex blocks must come before the thread blocks", text)


def check_json(log, tags):
    races = [json.loads(l) for l in open(log) if '"data_race"' in l]
    if len(races) != 1:
        fail(f"expected one JSON race, got {len(races)}")
    r = races[0]
    cur = [(m["id"], m["read"]) for m in r["current"]["mutexes"]]
    prev = [(m["id"], m["read"]) for m in r["previous"]["mutexes"]]
    if cur != [(1, True)] or prev != [(2, False), (3, False)]:
        fail(f"JSON held lists: current {cur}, previous {prev}")
    by_id = {m["id"]: m for m in r["mutexes"]}
    want = {1: ("first_locked", 2, "reader", tags["TABLE-FIRST-LOCK"]),
            2: ("first_locked", 1, "writer", tags["LAZY-FIRST-LOCK"]),
            3: ("created", 0, "main", tags["MADE-INIT"])}
    for k, (origin, thread, func, line) in want.items():
        m = by_id.get(k)
        if not m:
            fail(f"JSON: no mutex {k}")
        top = m["stack"][0] if m["stack"] else {}
        got = (m["origin"], m["thread"], top.get("function"), top.get("line"))
        if got != (origin, thread, func, line):
            fail(f"JSON mutex {k}: got {got}, want {(origin, thread, func, line)}")
        held_addr = [x["addr"] for x in r["current"]["mutexes"] + r["previous"]["mutexes"]
                     if x["id"] == k]
        if held_addr != [m["addr"]]:
            fail(f"JSON mutex {k}: address {m['addr']} differs from the held list {held_addr}")


def main():
    tags = tag_lines(sys.argv[1])
    check_text(sys.argv[2], tags)
    check_json(sys.argv[3], tags)
    print("check_mutexes: text and JSON agree with the program")


main()
