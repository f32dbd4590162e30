"""kinds - the reports of other kinds than data races in crace's JSON logs
(deadlock, lock_order_inversion, lock_misuse, thread_leak, signal_hazard;
README "JSON reports"): their titles as the runtime prints them, the
unique ones of a suite, and a text rendering of each.

Two reports are the same when they are of the same kind (and title) and
their stacks start at the same code locations: each thread block's (a
deadlock) or each site's (the lock and signal tools) innermost frame, and
a thread leak's creation stack's, by source file and line (races.frame_key).
The text shows the title, then each thread or site with its stack; the
runtime's own report has more (the mutexes' origins, creation stacks).
"""
from .races import UniqueRace, frame_key
from .render import SEPARATOR, _frames, _thread_label

TYPES = ("deadlock", "lock_order_inversion", "lock_misuse", "thread_leak", "signal_hazard")

MISUSE_TITLES = {
    "unlock_unlocked": "UNLOCK OF UNLOCKED MUTEX",
    "unlock_not_owner": "UNLOCK BY NON-OWNER",
    "double_lock": "DOUBLE LOCK",
    "destroy_locked": "DESTROY OF LOCKED MUTEX",
    "use_destroyed": "USE OF DESTROYED MUTEX",
    "cond_two_mutexes": "CONDITION VARIABLE WITH TWO MUTEXES",
}

# What the summary line calls each kind.
NOUNS = {"deadlock": "deadlock(s)", "lock_order_inversion": "lock order inversion(s)",
         "lock_misuse": "lock misuse(s)", "thread_leak": "thread leak(s)",
         "signal_hazard": "signal handler hazard(s)"}

SITE_HEADERS = {
    "acquired": "Mutex M%(mutex)s acquired here while holding M%(other)s, by %(thread)s:",
    "held_since": "Mutex M%(mutex)s previously acquired by the same thread here:",
    "call": "Called by %(thread)s:",
    "owner_acquired": "Mutex M%(mutex)s acquired by %(thread)s here:",
    "destroyed": "Mutex M%(mutex)s destroyed by %(thread)s here:",
    "other_wait": "%(thread)s waits on it with mutex M%(mutex)s here:",
}


def title(rec):
    """The title after 'WARNING: ', as the runtime prints it."""
    kind = rec.get("type")
    if kind == "deadlock":
        return ("DEADLOCK (wait-for cycle)" if rec.get("reason") == "cycle"
                else "DEADLOCK (all threads are blocked)")
    if kind == "lock_order_inversion":
        return "LOCK ORDER INVERSION (potential deadlock)"
    if kind == "lock_misuse":
        return MISUSE_TITLES.get(rec.get("misuse"), "LOCK MISUSE")
    if kind == "thread_leak":
        return "THREAD LEAK"
    if rec.get("hazard") == "errno":
        return "SIGNAL HANDLER SPOILS ERRNO"
    return "SIGNAL-UNSAFE CALL IN SIGNAL HANDLER"


def _stacks(rec):
    """The stacks that identify a report, in order."""
    if rec.get("type") == "deadlock":
        return [b.get("stack") or [] for b in rec.get("threads") or [] if isinstance(b, dict)]
    if rec.get("type") == "thread_leak":
        return [t.get("created_at") or [] for t in (rec.get("threads") or [])[:1]
                if isinstance(t, dict)]
    return [s.get("stack") or [] for s in rec.get("sites") or [] if isinstance(s, dict)]


def report_key(rec, cwd):
    tops = sorted(frame_key(s[0] if s else None, cwd) for s in _stacks(rec))
    return (rec.get("type"), title(rec)) + tuple(tops)


def problem(rec):
    """Why a record of these kinds cannot be used, or None when it can."""
    for s in _stacks(rec):
        if not isinstance(s, list) or not all(isinstance(f, dict) for f in s):
            return "a stack is not a list of frames"
    return None


def unique_reports(procs):
    """UniqueRace list (its .race is the record) in the order of first appearance."""
    by_key = {}
    order = []
    for proc in sorted(procs, key=lambda p: (p.test or "", p.pid or 0)):
        for rec in proc.reports:
            key = report_key(rec, proc.cwd)
            u = by_key.get(key)
            if u is None:
                u = by_key[key] = UniqueRace(key, rec, proc)
                order.append(u)
            if proc not in u.procs:
                u.procs.append(proc)
    for u in order:
        u.tests = sorted({p.test for p in u.procs if p.test})
    return order


def _block_line(b):
    wait = b.get("wait")
    what = "running"
    if isinstance(wait, dict):
        what = "blocked in %s" % (wait.get("call") or wait.get("kind"))
        if wait.get("mutex") is not None:
            what += " on mutex M%s" % wait["mutex"]
        held = [_thread_label(h) for h in wait.get("held_by") or [] if isinstance(h, dict)]
        if held:
            what += " held by " + ", ".join(held)
    like = b.get("like") or []
    who = _thread_label(b)
    if like:
        who = "%d threads like %s" % (len(like) + 1, who)
    return "%s [%s]:\n" % (who, what)


def render(rec, path):
    """The report as text: the title, then each thread block or site."""
    out = [SEPARATOR + "\n", "WARNING: %s\n" % title(rec)]
    kind = rec.get("type")
    if kind == "deadlock":
        for b in rec.get("threads") or []:
            out.append("\n" + _block_line(b))
            _frames(out, b.get("stack"), path)
    elif kind == "thread_leak":
        leaked = rec.get("leaked") or []
        out.append("%d thread(s) never joined nor detached (%s), created at:\n" % (
            rec.get("count", len(leaked)), ", ".join("T%s" % t for t in leaked)))
        threads = rec.get("threads") or [{}]
        _frames(out, threads[0].get("created_at"), path)
    else:
        for s in rec.get("sites") or []:
            fields = {"mutex": s.get("mutex"), "other": s.get("other"),
                      "thread": _thread_label(s.get("thread"))}
            header = SITE_HEADERS.get(s.get("role"), "%(thread)s:") % fields
            out.append("\n" + header[0].upper() + header[1:] + "\n")
            _frames(out, s.get("stack"), path)
    out.append(SEPARATOR + "\n")
    return "".join(out)


def summary(uniques):
    """'1 deadlock(s), 2 lock misuse(s)' for the unique reports given."""
    counts = {}
    for u in uniques:
        counts[u.race["type"]] = counts.get(u.race["type"], 0) + 1
    return ", ".join("%d %s" % (counts[k], NOUNS[k]) for k in TYPES if k in counts)
