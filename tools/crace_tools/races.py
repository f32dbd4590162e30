"""races - the unique races of a suite.

Two reports are the same race when they involve the same pair of code
locations, as in the runtime's own de-duplication (report.c location_key):
each access's innermost frame, by source file and line, or by module,
function and offset when there is no line information. File names are
made absolute with their process's working directory first, so the same
line reported by processes running in different directories is one race.
"""
import os


class UniqueRace:
    def __init__(self, key, race, proc):
        self.key = key
        self.race = race  # the report shown: the first one met
        self.proc = proc  # the process that wrote it
        self.procs = []  # every process that hit it
        self.tests = []  # their tests, sorted, without repeats

    @property
    def nprocs(self):
        return len(self.procs)


def frame_key(frame, cwd):
    if not frame:
        return "?"
    if frame.get("file") and frame.get("line"):
        path = frame["file"]
        if not os.path.isabs(path) and cwd:
            path = os.path.join(cwd, path)
        return "%s:%d" % (os.path.normpath(path), frame["line"])
    return "%s!%s+%s" % (os.path.basename(frame.get("module") or "?"),
                         frame.get("function") or "??", frame.get("offset") or "?")


def race_key(race, cwd):
    cur = race["current"].get("stack") or []
    prev = race["previous"].get("stack") or []
    a = frame_key(cur[0] if cur else None, cwd)
    b = frame_key(prev[0] if prev else None, cwd) if race["previous"].get("stack") is not None \
        else "?"
    return tuple(sorted((a, b)))


def unique_races(procs):
    """UniqueRace list in the order of first appearance; procs carry .test."""
    by_key = {}
    order = []
    for proc in sorted(procs, key=lambda p: (p.test or "", p.pid or 0)):
        for race in proc.races:
            key = race_key(race, proc.cwd)
            u = by_key.get(key)
            if u is None:
                u = by_key[key] = UniqueRace(key, race, proc)
                order.append(u)
            if proc not in u.procs:
                u.procs.append(proc)
    for u in order:
        u.tests = sorted({p.test for p in u.procs if p.test})
    return order
