"""describe - one-line descriptions of a unique race, for the formats that
show a title or a message rather than the whole report (SARIF, GitHub
annotations, JUnit)."""
from .render import call_name

MAX_TESTS_LISTED = 10


def access_word(a):
    what = a["kind"]
    return "atomic " + what if a.get("atomic") else what


def thread_name(t):
    if t is None:
        return "an unknown thread"
    name = "main thread" if t.get("id", 0) == 0 else "thread T%d" % t["id"]
    return name + (' "%s"' % t["name"] if t.get("name") else "")


def top_frame(a):
    stack = a.get("stack") or []
    return stack[0] if stack else None


def where(frame, paths, cwd):
    """'inc() at samples/counter.c:22', or 'inc()' without line information."""
    if not frame:
        return "an unknown place"
    fn = call_name(frame)
    if frame.get("file") and frame.get("line"):
        return "%s at %s:%d" % (fn, paths.display(frame["file"], cwd), frame["line"])
    return fn


def location_phrase(loc):
    if not loc:
        return ""
    kind = loc.get("kind")
    if kind == "global":
        return " on global '%s'" % loc.get("name")
    if kind == "heap":
        freed = " (freed)" if loc.get("freed_by") is not None else ""
        return " on a heap block of size %s%s" % (loc.get("size"), freed)
    if kind in ("stack", "tls"):
        return " on the %s of %s" % ("stack" if kind == "stack" else "TLS",
                                    thread_name({"id": loc.get("thread", 0)}))
    if kind == "fd":
        return " on file descriptor %s" % loc.get("fd")
    return ""


def title(u, paths):
    """'Data race on global 'counter': write in inc() at a.c:22 by thread T2,
    previous read in inc() at a.c:22 by thread T1'"""
    r, cwd = u.race, u.proc.cwd
    cur, prev = r["current"], r["previous"]
    return "Data race%s: %s in %s by %s, previous %s in %s by %s" % (
        location_phrase(r.get("location")),
        access_word(cur), where(top_frame(cur), paths, cwd), thread_name(cur.get("thread")),
        access_word(prev), where(top_frame(prev), paths, cwd) if prev.get("stack") is not None
        else "an unknown place (history overwritten)", thread_name(prev.get("thread")))


def seen_in(u):
    """'seen in 2 process(es) of 1 test(s): test_counter'"""
    tests = u.tests[:MAX_TESTS_LISTED]
    more = len(u.tests) - len(tests)
    listed = ", ".join(tests) + (", and %d more" % more if more > 0 else "")
    return "seen in %d process(es) of %d test(s): %s" % (u.nprocs, len(u.tests), listed)
