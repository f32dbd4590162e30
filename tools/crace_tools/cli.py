"""cli - the command lines of crace-test and crace-report.

  crace-test [OPTIONS] -- COMMAND [ARG...]
  crace-report [OPTIONS] DIR...

Both print every unique race of the suite once (the full report, then how
many processes and which tests hit it) and one total line, and write the
other formats on request. Exit status: crace-test returns the command's own
status when no race was found, else crace's (66, or the user's exitcode
option); crace-report returns 66 when it found races, else 0; both return 2
for bad usage. Warnings go to stderr, reports to stdout.
"""
import argparse
import os
import signal
import subprocess
import sys
import time

from . import crace_options, logs

# What a race-free suite does not need is imported when needed: crace-test's
# start-up is all it adds to such a suite (tests/tools/bench_crace_test.sh).

USAGE_ERROR = 2
RACE_EXIT = 66
OPTIONS_WITH_VALUE = ("--logs", "--sarif", "--junit", "--source-root", "--ctest-dir")


class Output:
    """Where messages go and the program's name in them."""

    def __init__(self, prog):
        self.prog = prog
        self.warnings = 0

    def warn(self, msg):
        self.warnings += 1
        sys.stderr.write("%s: warning: %s\n" % (self.prog, msg))

    def error(self, msg):
        sys.stderr.write("%s: %s\n" % (self.prog, msg))
        return USAGE_ERROR


def add_output_options(p):
    p.add_argument("--sarif", metavar="FILE", help="write the races as SARIF 2.1.0 to FILE")
    p.add_argument("--junit", metavar="FILE", help="write the races as JUnit XML to FILE")
    p.add_argument("--github", action="store_true",
                   help="print one GitHub Actions ::error annotation per race")
    p.add_argument("--source-root", metavar="DIR", default=".",
                   help="paths below DIR are shown relative to it (default: the current "
                        "directory, the repository checkout in CI)")
    p.add_argument("--ctest-dir", metavar="DIR",
                   help="name processes by the ctest tests of the build directory DIR")
    p.add_argument("--quiet", action="store_true",
                   help="print the total line only, not every report")


SAVED_TESTS = "ctest-tests.json"


def test_map_for(args, out, ctest_argv=None, logdirs=(), save_in=None):
    """The ctest test list: from --ctest-dir, the suite's own ctest command,
    or the ctest-tests.json that crace-test --logs left in a log directory
    (save_in: where to leave it)."""
    from . import ctest
    if args.ctest_dir or ctest_argv:
        if args.ctest_dir:
            tests, text = ctest.query(["ctest"], cwd=args.ctest_dir)
        else:
            tests, text = ctest.query(ctest_argv)
        if tests is None:
            out.warn("cannot list the ctest tests (%s); processes are named by command line"
                     % text)
            return None
        if save_in:
            try:
                with open(os.path.join(save_in, SAVED_TESTS), "w", encoding="utf-8") as f:
                    f.write(text)
            except OSError as e:
                out.warn("cannot save the ctest test list in %s: %s" % (save_in, e.strerror))
        return ctest.TestMap(tests)
    for d in logdirs:
        saved = os.path.join(d, SAVED_TESTS)
        if os.path.isfile(saved):
            try:
                with open(saved, encoding="utf-8") as f:
                    return ctest.TestMap(ctest.parse_show_only(f.read()))
            except (OSError, ValueError, AttributeError) as e:
                out.warn("%s: unreadable (%s); processes are named by command line"
                         % (saved, e))
    return None


def write_formats(races, paths, args, out):
    """--sarif, --junit, --github. Returns False when a file cannot be written."""
    from . import annotations
    ok = True
    if args.sarif:
        from . import sarif
        try:
            sarif.write(races, paths, args.sarif)
        except OSError as e:
            ok = not out.error("cannot write %s: %s" % (args.sarif, e.strerror))
    if args.junit:
        from . import junit
        try:
            junit.write(races, paths, args.junit)
        except OSError as e:
            ok = not out.error("cannot write %s: %s" % (args.junit, e.strerror))
    if args.github:
        for line in annotations.annotations(races, paths):
            print(line)
    return ok


def print_races(races, procs, args, paths, out):
    from . import describe
    from .render import render
    for u in races:
        if not args.quiet:
            sys.stdout.write(render(u.race, lambda f, cwd=u.proc.cwd: paths.display(f, cwd)))
            print(describe.seen_in(u)[0].upper() + describe.seen_in(u)[1:])
    unfinished = [p for p in procs if p.races and p.summary is None]
    for p in unfinished:
        out.warn("%s (pid %s) ended without crace's summary (crashed, killed, _exit or exec): "
                 "its reports up to then are counted" % (p.test, p.pid))
    suppressed = sum(p.summary.get("suppressed", 0) for p in procs
                     if isinstance(p.summary, dict) and isinstance(p.summary.get("suppressed"), int))
    extra = " (%d suppressed)" % suppressed if suppressed else ""
    if races:
        hit = [p for p in procs if p.races]
        print("%s: %d unique data race(s) in %d process(es) of %d test(s)%s"
              % (out.prog, len(races), len(hit), len({p.test for p in hit}), extra))
    else:
        print("%s: no data race found%s" % (out.prog, extra))


def analyse(procs, args, out, test_map):
    from .paths import Paths
    races = []
    if procs:
        from . import ctest
        from .races import unique_races
        ctest.label_processes(procs, test_map)
        races = unique_races(procs)
    paths = Paths(args.source_root)
    print_races(races, procs, args, paths, out)
    sys.stdout.flush()
    return races, write_formats(races, paths, args, out)


# ---- crace-report ---------------------------------------------------------

def main_report(argv):
    out = Output("crace-report")
    p = argparse.ArgumentParser(
        prog="crace-report",
        description="Print the unique data races in crace JSON logs (directories of "
                    "NAME.PID files, as crace-test --logs keeps them), and write them as "
                    "SARIF, JUnit XML or GitHub annotations.")
    p.add_argument("dirs", nargs="+", metavar="DIR", help="a log directory or log file")
    add_output_options(p)
    args = p.parse_args(argv)
    try:
        procs = logs.read_logs(args.dirs, out.warn)
    except logs.BadInput as e:
        return out.error(str(e))
    races, ok = analyse(procs, args, out,
                        test_map_for(args, out, logdirs=[d for d in args.dirs
                                                        if os.path.isdir(d)]))
    if not ok:
        return USAGE_ERROR
    return RACE_EXIT if races else 0


# ---- crace-test -----------------------------------------------------------

def split_command(argv):
    """(options, command): the command follows '--', or the first word that is
    neither an option nor an option's value."""
    if "--" in argv:
        i = argv.index("--")
        return argv[:i], argv[i + 1:]
    i = 0
    while i < len(argv) and argv[i].startswith("-"):
        i += 2 if argv[i] in OPTIONS_WITH_VALUE else 1
    return argv[:i], argv[i:]


def fresh_log_dir(path, out):
    """--logs DIR: created if missing; refused when it holds logs already."""
    try:
        os.makedirs(path, exist_ok=True)
        old = logs.log_files(path)
    except (OSError, logs.BadInput) as e:
        out.error("cannot use %s as the log directory: %s"
                  % (path, getattr(e, "strerror", None) or e))
        return None
    if old:
        out.error("%s already holds crace logs (%s, ...) from an earlier run: remove them or "
                  "choose another directory" % (path, os.path.basename(old[0])))
        return None
    return os.path.abspath(path)


def run_command(command, env, out):
    """Run the suite; its exit status (128+N when killed by signal N)."""
    try:
        child = subprocess.Popen(command, env=env)
    except OSError as e:
        out.error("cannot run %s: %s" % (command[0], e.strerror))
        return 127 if isinstance(e, FileNotFoundError) else 126

    def forward(sig, frame):
        child.send_signal(sig)

    # Ctrl-C reaches the suite through the terminal; crace-test outlives it
    # to report what the suite found. TERM and HUP are passed on.
    old = {s: signal.signal(s, h) for s, h in ((signal.SIGINT, signal.SIG_IGN),
                                               (signal.SIGTERM, forward),
                                               (signal.SIGHUP, forward))}
    try:
        status = child.wait()
    finally:
        for s, h in old.items():
            signal.signal(s, h)
    return 128 - status if status < 0 else status


def main_test(argv):
    out = Output("crace-test")
    opts, command = split_command(argv)
    p = argparse.ArgumentParser(
        prog="crace-test", usage="crace-test [OPTIONS] -- COMMAND [ARG...]",
        description="Run a whole test suite (ctest, make check, ...) with every crace-built "
                    "process logging its races into one directory, then print each unique "
                    "race once with the tests that hit it.")
    p.add_argument("--logs", metavar="DIR",
                   help="keep the logs in DIR (created; must hold no crace logs) instead of "
                        "a temporary directory")
    add_output_options(p)
    args = p.parse_args(opts)
    if not command:
        p.print_usage(sys.stderr)
        return out.error("no command to run (crace-test -- ctest, crace-test -- make check)")
    if args.logs:
        logdir = fresh_log_dir(args.logs, out)
        if logdir is None:
            return USAGE_ERROR
    else:
        try:
            logdir = make_temp_dir()
        except OSError as e:
            return out.error(str(e))
    try:
        return run_suite(command, logdir, args, out)
    finally:
        if not args.logs:
            remove_tree(logdir)


def is_ctest(argv):
    return os.path.basename(argv[0]) in ("ctest", "ctest3")


def make_temp_dir():
    """A fresh private directory under $TMPDIR (tempfile's mkdtemp, without
    its import cost)."""
    top = os.environ.get("TMPDIR") or "/tmp"
    for attempt in range(100):
        path = os.path.join(top, "crace-test.%d.%d" % (os.getpid(), time.monotonic_ns() + attempt))
        try:
            os.mkdir(path, 0o700)
            return path
        except FileExistsError:
            continue
    raise OSError("cannot create a directory in %s" % top)


def remove_tree(path):
    """rm -r path (shutil.rmtree without its import cost); errors ignored."""
    for parent, dirs, files in os.walk(path, topdown=False):
        for name in files:
            try:
                os.unlink(os.path.join(parent, name))
            except OSError:
                pass
        for name in dirs:
            try:
                os.rmdir(os.path.join(parent, name))
            except OSError:
                pass
    try:
        os.rmdir(path)
    except OSError:
        pass


def run_suite(command, logdir, args, out):
    user = os.environ.get("CRACE_OPTIONS", "")
    env = dict(os.environ)
    try:
        env["CRACE_OPTIONS"] = crace_options.merged(user, os.path.join(logdir, "crace"),
                                                    os.getpid())
    except ValueError as e:
        return out.error(str(e))
    status = run_command(command, env, out)
    try:
        procs = logs.read_logs([logdir], out.warn)
    except logs.BadInput as e:
        return out.error(str(e))
    test_map = None
    if any(p.races for p in procs):
        test_map = test_map_for(args, out, command if is_ctest(command) else None,
                                save_in=logdir if args.logs else None)
    races, ok = analyse(procs, args, out, test_map)
    if not ok:
        return USAGE_ERROR
    return crace_options.exitcode(user, RACE_EXIT) if races else status
