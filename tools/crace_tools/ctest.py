"""ctest - which test a process belongs to.

ctest sets no per-test environment variable (checked with ctest 3.25: only
CTEST_INTERACTIVE_DEBUG_MODE, the same for every test), so the mapping goes
through `ctest --show-only=json-v1`, which lists each test's name, command
(the executable's full path, as ctest runs it) and working directory. A
process is the test whose command equals its own command line, or that of
its nearest ancestor in the log header (a test's wrapper script, or the
parent of a forked child). Without a match, or without ctest, a process is
known by its command line.
"""
import json
import os
import shlex
import subprocess

LABEL_MAX = 160


def parse_show_only(text):
    """[(name, command, working_directory)] from --show-only=json-v1 output."""
    data = json.loads(text)
    tests = []
    for t in data.get("tests") or []:
        if not isinstance(t, dict) or not isinstance(t.get("name"), str):
            continue
        command = t.get("command")
        if not (isinstance(command, list) and command):
            continue
        workdir = None
        for p in t.get("properties") or []:
            if isinstance(p, dict) and p.get("name") == "WORKING_DIRECTORY":
                workdir = p.get("value")
        tests.append((t["name"], [str(c) for c in command], workdir))
    return tests


def query(ctest_argv, cwd=None):
    """Run ctest with the suite's own arguments plus --show-only=json-v1.

    Returns (tests, output) or (None, why not)."""
    try:
        r = subprocess.run(list(ctest_argv) + ["--show-only=json-v1"], cwd=cwd,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=120)
    except (OSError, subprocess.SubprocessError) as e:
        return None, str(e)
    if r.returncode != 0:
        return None, "ctest --show-only=json-v1 exited with %d" % r.returncode
    text = r.stdout.decode("utf-8", errors="replace")
    try:
        return parse_show_only(text), text
    except (ValueError, AttributeError) as e:
        return None, "unreadable ctest --show-only output (%s)" % e


def command_label(cmdline, pid):
    if not cmdline:
        return "pid %s" % pid
    label = " ".join(shlex.quote(a) for a in cmdline)
    return label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 3] + "..."


class TestMap:
    def __init__(self, tests):
        self.by_command = {}
        for name, command, workdir in tests:
            self.by_command.setdefault(tuple(command), []).append((name, workdir))

    def _lookup(self, cmdline, cwd):
        if not cmdline:
            return None
        found = self.by_command.get(tuple(cmdline))
        if not found and cwd and not os.path.isabs(cmdline[0]) and "/" in cmdline[0]:
            exe = os.path.normpath(os.path.join(cwd, cmdline[0]))
            found = self.by_command.get(tuple([exe] + cmdline[1:]))
        if not found:
            return None
        same_dir = [n for n, w in found if cwd and w and os.path.normpath(w) == cwd]
        return (same_dir or [n for n, _ in found])[0]

    def test_of(self, proc):
        name = self._lookup(proc.cmdline, proc.cwd)
        for cmdline in proc.ancestors:
            if name:
                break
            name = self._lookup(cmdline, None)
        return name


def label_processes(procs, test_map):
    """Set proc.test: the ctest test's name, else the command line."""
    for p in procs:
        name = test_map.test_of(p) if test_map else None
        p.test = name or command_label(p.cmdline, p.pid)


def is_ctest(argv):
    return bool(argv) and os.path.basename(argv[0]) in ("ctest", "ctest3")
