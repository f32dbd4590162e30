"""render - one data_race record as the runtime's own text report.

The layout is the one runtime/report.c prints (README "Reading a report"),
line for line, so a report read from a log looks like one read from stderr:

  ==================
  WARNING: DATA RACE
  Write at 0x... by thread T2:
    inc()
        samples/counter.c:22 +0x30
  ...
  ==================

`path(file)` turns a reported file name into the one to print (paths.py:
relative to the root when below it).
"""
import os

SEPARATOR = "=================="


def _uid_label(uid):
    return "main thread" if uid == 0 else "thread T%d" % uid


def _thread_label(t):
    if t is None:
        return "an unknown thread"
    label = _uid_label(t.get("id", 0))
    if t.get("name"):
        label += ' "%s"' % t["name"]
    return label


def frame_location(f, path):
    """file:line, else module+0xOFFSET, else the pc: the frame's second line."""
    if f.get("file") and f.get("line"):
        return "%s:%d" % (path(f["file"]), f["line"])
    if f.get("module"):
        base = os.path.basename(f["module"])
        # module_offset: absent in logs of a runtime that did not write it
        return base + "+" + f["module_offset"] if f.get("module_offset") else base
    return f.get("pc") or "0x0"


def call_name(f):
    """'inc()' for a C function; a demangled C++ name that carries its
    parameter list ('signature': 'ns::f(int) const') as it is."""
    fn = f.get("function") or "??"
    return fn if f.get("signature") else fn + "()"


def _frames(out, frames, path, missing=0):
    """The frames, then '  ... N outer frames not recorded' when the stack
    was deeper than what the runtime keeps (outer_frames_missing)."""
    if not frames:
        out.append("  ??()\n      0x0\n")
    for f in frames or []:
        loc = frame_location(f, path)
        if f.get("offset"):
            out.append("  %s\n      %s +%s\n" % (call_name(f), loc, f["offset"]))
        else:
            out.append("  %s\n      %s\n" % (call_name(f), loc))
    if missing:
        out.append("  ... %d outer frame%s not recorded\n" % (missing, "" if missing == 1 else "s"))


def _access(out, prefix, a):
    what = a["kind"]
    if a.get("atomic"):
        what = "atomic " + what
    word = prefix + what
    if not prefix:
        word = word[0].upper() + word[1:]
    out.append("%s at %s by %s%s:\n" % (word, a["addr"], _thread_label(a.get("thread")),
                                        " (free)" if a.get("free") else ""))


def _held(out, mutexes):
    if not mutexes:
        return
    parts = ["M%d (%s%s)" % (m["id"], m.get("addr", "?"), ", read" if m.get("read") else "")
             for m in mutexes]
    out.append("Mutexes held: %s\n" % ", ".join(parts))


def _location(out, loc, path):
    if not loc:
        return
    kind = loc.get("kind")
    if kind == "heap":
        freed = ""
        if loc.get("freed_by") is not None:
            freed = "freed by %s, " % _uid_label(loc["freed_by"])
        out.append("\nLocation is heap block of size %s at %s %sallocated by %s:\n"
                   % (loc.get("size"), loc.get("addr"), freed, _uid_label(loc.get("thread", 0))))
        _frames(out, loc.get("stack") or [], path)
    elif kind == "global":
        text = "\nLocation is global '%s' of size %s at %s" % (loc.get("name"), loc.get("size"),
                                                             loc.get("addr"))
        if loc.get("file") and loc.get("line"):
            text += " (%s:%d)" % (path(loc["file"]), loc["line"])
        out.append(text + "\n")
    elif kind in ("stack", "tls"):
        out.append("\nLocation is %s of %s\n" % ("TLS" if kind == "tls" else "stack",
                                                 _uid_label(loc.get("thread", 0))))
    elif kind == "fd":
        out.append("\nLocation is file descriptor %s\n" % loc.get("fd"))


def _mutex_blocks(out, mutexes, path):
    for m in mutexes or []:
        out.append("\nMutex M%d (%s) " % (m["id"], m.get("addr", "?")))
        if not m.get("origin"):
            out.append("destroyed since: where it was created is no longer known\n")
            continue
        out.append("%s by %s at:\n" % ("created" if m["origin"] == "created" else "first locked",
                                       _uid_label(m.get("thread") or 0)))
        _frames(out, m.get("stack") or [], path)


def _thread_blocks(out, threads, path):
    """'Thread T2 "w" (running, labels: k=v) created at:' and its stack; the
    main thread has a block ('Main thread (running, labels: ...)') only to
    show its labels."""
    for t in threads or []:
        name = ' "%s"' % t["name"] if t.get("name") else ""
        labels = t.get("labels") or {}
        state = t.get("state", "running")
        if labels:
            state += ", labels: " + " ".join("%s=%s" % kv for kv in labels.items())
        if t.get("id", 0) == 0:
            if labels:
                out.append("\nMain thread%s (%s)\n" % (name, state))
            continue
        out.append("\nThread T%d%s (%s) created at:\n" % (t["id"], name, state))
        if t.get("created_at"):
            _frames(out, t["created_at"], path)
        else:
            out.append("  [not created through pthread_create]\n")


def render(race, path=lambda f: f):
    """The text report of one data_race record (checked by logs.race_problem)."""
    out = [SEPARATOR + "\n", "WARNING: DATA RACE\n"]
    cur, prev = race["current"], race["previous"]
    _access(out, "", cur)
    _frames(out, cur.get("stack"), path, cur.get("outer_frames_missing") or 0)
    _held(out, cur.get("mutexes"))
    out.append("\n")
    _access(out, "Previous ", prev)
    if prev.get("stack") is None:
        out.append("  [stack unavailable: history overwritten; raise history_size]\n")
    else:
        _frames(out, prev["stack"], path, prev.get("outer_frames_missing") or 0)
        _held(out, prev.get("mutexes"))
    _location(out, race.get("location"), path)
    _mutex_blocks(out, race.get("mutexes"), path)
    _thread_blocks(out, race.get("threads"), path)
    out.append(SEPARATOR + "\n")
    return "".join(out)
