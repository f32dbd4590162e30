#!/usr/bin/env python3
"""rss_breakdown: where a crace-instrumented program's resident memory is at its peak.

usage: tests/bench/rss_breakdown.py [--interval SECS] -- PROGRAM [ARGS...]

Runs PROGRAM, samples /proc/PID/smaps_rollup every --interval seconds (default 0.05), and at
each new peak of total Rss splits it (root only: /proc/PID/mem and pagemap). Prints the split
at the highest peak in MiB, on stderr. For a crace binary (one with the symbol shadow_l1) the
runtime's own tables are read out of the process by symbol (nm) and their resident pages
counted with the pagemap (zero-page mappings not counted):
  shadow group 0-1, shadow use bits, heap meta   each shadow region (runtime/shadow.h)
  heap records                                   runtime/heap.c's record chunks
  history rings                                  each slot's ring (runtime/thread.c, history.c)
The rest is split by mapping: file-backed ("files") and everything else ("rest": glibc's
arenas with the program's blocks, the quarantine and the runtime's rt_alloc objects, thread
stacks, the runtime's smaller maps). For other binaries (TSan's) only those two show.
"""
import os
import re
import subprocess
import sys
import time

GIB = 1 << 30
REGION_SHADOW = 4 * GIB  # 2 groups of 2 cells: 2 GiB each
GROUP_BYTES = 2 * GIB
USE_BYTES = (GIB >> 16) // 8 + (GIB >> 11) // 8  # group 0: a bit per 64 KiB; group 1: per 2 KiB
META_BYTES = (GIB >> 4) * 4  # 32 bits per 16 bytes
HEAP_CHUNK = 128 << 10  # 4096 records of 32 bytes (runtime/heap.h HEAP_RECORD_BYTES)


def parse_args(argv):
    interval = 0.05
    i = 0
    while i < len(argv) and argv[i] != "--":
        if argv[i] == "--interval":
            interval = float(argv[i + 1])
            i += 2
        else:
            sys.exit(__doc__)
    if i >= len(argv) - 1:
        sys.exit(__doc__)
    return interval, argv[i + 1:]


def rollup_rss(pid):
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Rss:"):
                return int(line.split()[1])
    return 0


def mappings(pid):
    """(start, end, name, rss_kib) of every mapping."""
    out = []
    head = re.compile(r"^([0-9a-f]+)-([0-9a-f]+) \S+ \S+ \S+ \S+\s*(.*)$")
    with open(f"/proc/{pid}/smaps") as f:
        cur = None
        for line in f:
            m = head.match(line)
            if m:
                cur = [int(m.group(1), 16), int(m.group(2), 16), m.group(3), 0]
                out.append(cur)
            elif line.startswith("Rss:") and cur:
                cur[3] = int(line.split()[1])
    return out


def resident_pages(pm, start, length):
    """Pages of [start, start+length) present and mapped exclusively (not the zero page)."""
    n = 0
    step = 1 << 30  # bytes of address space per read
    for a in range(start, start + length, step):
        span = min(step, start + length - a)
        pm.seek((a >> 12) * 8)
        data = pm.read((span >> 12) * 8)
        high = data[7::8]  # bits 56..63: present is 0x80, exclusive 0x01
        n += sum(high.count(bytes([b])) for b in range(0x81, 0x100, 2))
    return n


def symbols(exe):
    """name -> offset of exe's data symbols (nm)."""
    try:
        out = subprocess.run(["nm", exe], capture_output=True, text=True).stdout
    except OSError:
        return {}
    syms = {}
    for line in out.splitlines():
        f = line.split()
        if len(f) == 3 and f[1] in "bBdD":
            syms[f[2]] = int(f[0], 16)
    return syms


class Runtime:
    """Reads crace's own tables out of a running process (/proc/PID/mem), by symbol."""

    def __init__(self, exe):
        self.exe = exe
        self.syms = symbols(exe)

    def base(self, pid):
        with open(f"/proc/{pid}/maps") as f:
            for line in f:
                fields = line.split()
                if (len(fields) >= 6 and int(fields[2], 16) == 0 and
                        os.path.realpath(fields[5]) == self.exe):
                    return int(fields[0].split("-")[0], 16)
        return None

    def ranges(self, pid):
        """(kind, start, length) of the runtime's big tables; [] when exe is not crace's."""
        if "shadow_l1" not in self.syms:
            return []
        base = self.base(pid)
        if base is None:
            return []
        out = []
        with open(f"/proc/{pid}/mem", "rb") as mem:

            def words(addr, n, size=8):
                mem.seek(addr)
                data = mem.read(size * n)
                return [int.from_bytes(data[i:i + size], "little")
                        for i in range(0, len(data), size)]

            for r in words(base + self.syms["shadow_l1"], 1 << 17):
                if r:
                    for g in range(REGION_SHADOW // GROUP_BYTES):
                        out.append((f"shadow group {g}", r + g * GROUP_BYTES, GROUP_BYTES))
                    out.append(("shadow use bits", r + REGION_SHADOW, USE_BYTES))
                    out.append(("heap meta", r + REGION_SHADOW + USE_BYTES, META_BYTES))
            if "chunks" in self.syms:
                for c in words(base + self.syms["chunks"], 1 << 16):
                    if c:
                        out.append(("heap records", c, HEAP_CHUNK))
            if "slots" in self.syms and "nslots" in self.syms:
                nslots = words(base + self.syms["nslots"], 1, 4)[0]
                for sl in words(base + self.syms["slots"], nslots):
                    ring, cap = words(sl, 2)
                    out.append(("history rings", ring, cap * 8))
        return out


def breakdown(pid, rt):
    """KiB resident per kind: the runtime's tables by pagemap, the rest by mapping."""
    kinds = {}
    with open(f"/proc/{pid}/pagemap", "rb") as pm:
        for kind, start, length in rt.ranges(pid):
            kinds[kind] = kinds.get(kind, 0) + resident_pages(pm, start, length) * 4
    counted = sum(kinds.values())
    files = other = 0
    for start, end, name, rss in mappings(pid):
        if name and not name.startswith("["):
            files += rss
        else:
            other += rss
    kinds["files"] = files
    kinds["rest"] = other - counted
    return kinds, files + other


def main():
    interval, cmd = parse_args(sys.argv[1:])
    rt = Runtime(os.path.realpath(cmd[0]))
    proc = subprocess.Popen(cmd)
    best, best_kinds = 0, {}
    while proc.poll() is None:
        try:
            if rollup_rss(proc.pid) > best * 1.01:
                kinds, total = breakdown(proc.pid, rt)
                # a sample taken while the process exits lacks mappings
                if total > best and kinds["rest"] >= 0:
                    best, best_kinds = total, kinds
        except (OSError, ValueError, IndexError):
            pass
        time.sleep(interval)
    print(f"exit {proc.returncode}; peak Rss {best / 1024:.1f} MiB", file=sys.stderr)
    for k, v in sorted(best_kinds.items(), key=lambda kv: -kv[1]):
        if v:
            print(f"  {k:18s} {v / 1024:8.1f} MiB", file=sys.stderr)
    sys.exit(proc.returncode)


if __name__ == "__main__":
    main()
