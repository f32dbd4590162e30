"""logs - read crace's JSON logs (log_path=DIR/crace report_format=json).

Each process that reports writes DIR/crace.PID, JSON Lines:

  {"type":"process","format":1,"pid":..,"ppid":..,"cmdline":[..],"cwd":..,
   "ancestors":[{"pid":..,"cmdline":[..]}, ...]}      first line (header)
  {"type":"data_race", ...}                           one per race
  {"type":"deadlock"|"lock_misuse"|..., ...}          other kinds (kinds.py)
  {"type":"thread_dump", ...}                         crace_dump(): not a report
  {"type":"summary","races":N,"suppressed":M}         at exit

A file may hold several processes: a program that exec'd keeps its pid
and appends a second header. Nothing here raises on bad input: a
truncated last line (a process killed while writing), a text-format
report, a log without header (an older crace) or a malformed record is
reported through `warn` and skipped, and what could be read is kept.
"""
import os
import re

from . import kinds

LOG_NAME = re.compile(r".+\.(\d+)$")
KNOWN_FORMAT = 1


class BadInput(Exception):
    """An argument that cannot be read at all (a missing directory)."""


class Process:
    """One process's records, in the order it wrote them."""

    def __init__(self, file, pid, header=None):
        self.file = file
        self.header = header is not None
        header = header or {}
        self.pid = header.get("pid", pid)
        self.ppid = header.get("ppid")
        self.cmdline = _str_list(header.get("cmdline"))
        self.cwd = header.get("cwd") if isinstance(header.get("cwd"), str) else None
        self.ancestors = []
        for a in header.get("ancestors") or []:
            if isinstance(a, dict) and _str_list(a.get("cmdline")) is not None:
                self.ancestors.append(_str_list(a.get("cmdline")))
        self.races = []
        self.reports = []  # of other kinds than races (kinds.py)
        self.summary = None
        self.test = None  # set by the caller (ctest.py)


def _str_list(v):
    if isinstance(v, list) and all(isinstance(x, str) for x in v):
        return v
    return None


def _frames_problem(frames, where):
    if not isinstance(frames, list):
        return where + " is not a list of frames"
    for f in frames:
        if not isinstance(f, dict) or not isinstance(f.get("function", ""), str):
            return where + " has a malformed frame"
        if not isinstance(f.get("line", 0), int):
            return where + " has a frame whose line is not a number"
        if not isinstance(f.get("signature", False), bool):
            return where + " has a frame whose signature is not a boolean"
        for k in ("file", "module", "pc", "offset", "module_offset"):
            if f.get(k) is not None and not isinstance(f.get(k), str):
                return "%s has a frame whose %s is not a string" % (where, k)
    return None


def _access_problem(a, where, stack_may_be_null):
    if not isinstance(a, dict):
        return where + " is missing"
    if a.get("kind") not in ("read", "write"):
        return where + ".kind is neither read nor write"
    if not isinstance(a.get("addr"), str):
        return where + ".addr is missing"
    t = a.get("thread")
    if t is not None and not (isinstance(t, dict) and isinstance(t.get("id"), int)):
        return where + ".thread is malformed"
    missing = a.get("outer_frames_missing", 0)
    if not isinstance(missing, int) or isinstance(missing, bool) or missing < 0:
        return where + ".outer_frames_missing is not a count"
    if a.get("stack") is None and stack_may_be_null:
        return None
    problem = _frames_problem(a.get("stack"), where + ".stack")
    if problem:
        return problem
    for m in a.get("mutexes") or []:
        if not isinstance(m, dict) or not isinstance(m.get("id"), int):
            return where + ".mutexes is malformed"
    return None


def race_problem(r):
    """Why a data_race record cannot be used, or None when it can."""
    problem = _access_problem(r.get("current"), "current", False) or _access_problem(
        r.get("previous"), "previous", True
    )
    if problem:
        return problem
    loc = r.get("location")
    if loc is not None:
        if not isinstance(loc, dict) or not isinstance(loc.get("kind"), str):
            return "location is malformed"
        if loc.get("kind") == "heap":
            problem = _frames_problem(loc.get("stack") or [], "location.stack")
            if problem:
                return problem
    for m in r.get("mutexes") or []:
        if not isinstance(m, dict) or not isinstance(m.get("id"), int):
            return "mutexes is malformed"
        if m.get("stack") is not None:
            problem = _frames_problem(m.get("stack"), "mutexes[].stack")
            if problem:
                return problem
    for t in r.get("threads") or []:
        if not isinstance(t, dict) or not isinstance(t.get("id"), int):
            return "threads is malformed"
        problem = _frames_problem(t.get("created_at") or [], "threads[].created_at")
        if problem:
            return problem
    return None


def log_files(arg):
    """The log files named by a command-line argument (a directory or a file)."""
    if os.path.isdir(arg):
        names = []
        for name in os.listdir(arg):
            m = LOG_NAME.match(name)
            path = os.path.join(arg, name)
            if m and os.path.isfile(path):
                names.append((int(m.group(1)), path))
        return [p for _, p in sorted(names)]
    if os.path.isfile(arg):
        return [arg]
    if os.path.exists(arg):
        raise BadInput("%s: neither a directory nor a file" % arg)
    raise BadInput("%s: no such directory" % arg)


def read_file(path, warn):
    """The processes of one log file."""
    import json
    m = LOG_NAME.match(os.path.basename(path))
    file_pid = int(m.group(1)) if m else None
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        warn("%s: cannot read (%s), skipped" % (path, e.strerror))
        return []
    if data.lstrip().startswith((b"==================", b"WARNING: DATA RACE")):
        warn("%s: a text report, not JSON (run with report_format=json), skipped" % path)
        return []
    procs = []
    lines = data.split(b"\n")
    complete = data.endswith(b"\n")
    for n, raw in enumerate(lines, 1):
        if not raw.strip():
            continue
        last = n == len(lines)
        try:
            obj = json.loads(raw.decode("utf-8", errors="replace"))
        except ValueError:
            if last and not complete:
                warn("%s: line %d is cut short (the process was killed while writing?), "
                     "skipped" % (path, n))
            else:
                warn("%s: line %d is not JSON, skipped" % (path, n))
            continue
        kind = obj.get("type") if isinstance(obj, dict) else None
        if kind == "process":
            fmt = obj.get("format")
            if not isinstance(fmt, int) or fmt > KNOWN_FORMAT:
                warn("%s: line %d: process header of an unknown format (%r); read as format %d"
                     % (path, n, fmt, KNOWN_FORMAT))
            procs.append(Process(path, file_pid, obj))
            continue
        if kind == "thread_dump":
            continue  # what every thread was doing: not a report
        if kind not in ("data_race", "summary") + kinds.TYPES:
            warn("%s: line %d: not a crace record (type %r), skipped" % (path, n, kind))
            continue
        if not procs:
            warn("%s: no process header (a log from an older crace?): the process is "
                 "known by its pid only" % path)
            procs.append(Process(path, file_pid))
        if kind == "summary":
            procs[-1].summary = obj
            continue
        if kind in kinds.TYPES:
            problem = kinds.problem(obj)
            if problem:
                warn("%s: line %d: malformed %s record (%s), skipped" % (path, n, kind, problem))
            else:
                procs[-1].reports.append(obj)
            continue
        problem = race_problem(obj)
        if problem:
            warn("%s: line %d: malformed data_race record (%s), skipped" % (path, n, problem))
            continue
        procs[-1].races.append(obj)
    return procs


def read_logs(args, warn):
    """Every process of the given directories or files (BadInput for a missing one)."""
    files = []
    for arg in args:
        files.extend(log_files(arg))
    procs = []
    for path in files:
        procs.extend(read_file(path, warn))
    return procs
