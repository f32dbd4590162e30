"""sarif - the unique races as a SARIF 2.1.0 log (GitHub code scanning).

One run, tool.driver "crace" with one rule, "data-race". One result per
unique race:
  - locations: the current access's innermost frame inside the source root
    (the repository), with a relative uri and uriBaseId SRCROOT, which
    run.originalUriBaseIds maps to the root's file: URI;
  - relatedLocations: the previous access's frame (id 1, linked from the
    message as "[previous read](1)");
  - codeFlows: one codeFlow with a threadFlow per access (its stack,
    outermost call first, as SARIF orders execution);
  - partialFingerprints "craceRace/v1": a hash of the race's pair of code
    locations (GitHub's upload action adds its own line hash beside it);
  - properties: processes and tests that hit it.
Frames without file and line are left out of the flows (a SARIF location
there would have no physicalLocation); a file outside the root keeps an
absolute file: URI.
"""
import hashlib
import json
import os
from urllib.parse import quote

from . import describe
from .render import call_name, render

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
ROOT_ID = "SRCROOT"
RULE = {
    "id": "data-race",
    "name": "DataRace",
    "shortDescription": {"text": "Data race"},
    "fullDescription": {
        "text": "Two threads accessed the same memory location without synchronization "
                "ordering the accesses, and at least one of them was a write."
    },
    "defaultConfiguration": {"level": "error"},
    "help": {
        "text": "crace saw two accesses to the same memory by different threads, at least "
                "one a write, with no happens-before order between them (no lock, atomic, "
                "thread create/join or other synchronization). Protect the data with a "
                "mutex, make it atomic, or order the threads. The result's code flows show "
                "both accesses' stacks.",
        "markdown": "crace saw two accesses to the same memory by different threads, at least "
                    "one a write, with no happens-before order between them. Protect the data "
                    "with a mutex, make it `_Atomic`, or order the threads. The code flows show "
                    "both accesses' stacks.",
    },
    "properties": {"tags": ["concurrency", "data-race", "reliability"],
                   "precision": "high", "problem.severity": "error"},
}


def file_uri(path):
    return "file://" + quote(path)


def artifact(path, paths):
    """An artifactLocation: relative to SRCROOT when below the root."""
    rel = paths.below_root(path)
    if rel is not None:
        return {"uri": quote(rel), "uriBaseId": ROOT_ID}
    if os.path.isabs(path):
        return {"uri": file_uri(path)}
    return {"uri": quote(path)}


def frame_location(frame, paths, cwd, text=None):
    """A SARIF location for a frame with file and line, else None."""
    if not (frame and frame.get("file") and frame.get("line")):
        return None
    path = paths.absolute(frame["file"], cwd)
    loc = {"physicalLocation": {"artifactLocation": artifact(path, paths),
                                "region": {"startLine": frame["line"]}}}
    loc["message"] = {"text": text or call_name(frame)}
    return loc


def primary_frame(stack, paths, cwd):
    """The innermost frame inside the root, else the innermost with a line."""
    with_line = [f for f in stack or [] if f.get("file") and f.get("line")]
    for f in with_line:
        if paths.below_root(paths.absolute(f["file"], cwd)) is not None:
            return f
    return with_line[0] if with_line else None


def thread_flow(access, label, paths, cwd):
    frames = list(reversed(access.get("stack") or []))
    locs = []
    for depth, f in enumerate(frames):
        loc = frame_location(f, paths, cwd)
        if loc:
            locs.append({"location": loc, "nestingLevel": depth})
    if not locs:
        return None
    return {"message": {"text": label}, "locations": locs}


def fingerprint(key, paths):
    """A hash of the race's pair of locations, with files relative to the root
    so that it is the same in every checkout."""
    parts = []
    for k in key:
        path, sep, line = k.rpartition(":")
        rel = paths.below_root(path) if sep else None
        parts.append(rel + ":" + line if rel is not None else k)
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32]


def result(u, paths):
    r, cwd = u.race, u.proc.cwd
    cur, prev = r["current"], r["previous"]
    cur_label = "%s by %s" % (describe.access_word(cur), describe.thread_name(cur.get("thread")))
    prev_label = "previous %s by %s" % (describe.access_word(prev),
                                        describe.thread_name(prev.get("thread")))
    res = {"ruleId": RULE["id"], "ruleIndex": 0, "level": "error"}
    primary = primary_frame(cur.get("stack"), paths, cwd)
    related = primary_frame(prev.get("stack"), paths, cwd)
    text = describe.title(u, paths)
    if related:
        text += ". The [%s](1) is in %s" % (prev_label, call_name(related))
    seen = describe.seen_in(u)
    res["message"] = {"text": "%s. %s%s." % (text, seen[0].upper(), seen[1:])}
    res["locations"] = [frame_location(primary, paths, cwd, cur_label)] if primary else []
    if related:
        loc = frame_location(related, paths, cwd, prev_label)
        loc["id"] = 1
        res["relatedLocations"] = [loc]
    flows = [f for f in (thread_flow(cur, cur_label, paths, cwd),
                         thread_flow(prev, prev_label, paths, cwd)) if f]
    if flows:
        res["codeFlows"] = [{"message": {"text": "the two unordered accesses"},
                             "threadFlows": flows}]
    res["partialFingerprints"] = {"craceRace/v1": fingerprint(u.key, paths)}
    res["properties"] = {"processes": u.nprocs, "tests": u.tests,
                         "report": render(r, lambda f: paths.display(f, cwd))}
    return res


def sarif_log(races, paths):
    run = {
        "tool": {"driver": {"name": "crace", "rules": [RULE]}},
        "originalUriBaseIds": {ROOT_ID: {"uri": file_uri(paths.root.rstrip("/") + "/")}},
        "results": [result(u, paths) for u in races],
    }
    return {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}


def write(races, paths, out_path):
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(sarif_log(races, paths), f, indent=1)
        f.write("\n")
