#!/usr/bin/env python3
"""CPU time (ms) used so far by a process and its live descendants (the server), then by the embedded
PostgreSQL: a load-independent cost figure for benchmarks on a shared machine.
Usage: cpu-ticks.py SERVER_PID [POSTMASTER_PID_FILE]"""
import os, sys

root = int(sys.argv[1])
# The embedded PostgreSQL daemonizes (pg_ctl): not a descendant of the server. Its postmaster's pid is
# the first line of the data directory's postmaster.pid.
postmaster = None
if len(sys.argv) > 2:
    try:
        with open(sys.argv[2]) as f:
            postmaster = int(f.readline())
    except (OSError, ValueError):
        pass
tick = os.sysconf('SC_CLK_TCK')
children, cpu = {}, {}
for pid in filter(str.isdigit, os.listdir('/proc')):
    try:
        with open(f'/proc/{pid}/stat') as f:
            fields = f.read().rsplit(')', 1)[1].split()
    except OSError:
        continue
    children.setdefault(int(fields[1]), []).append(int(pid))
    cpu[int(pid)] = int(fields[11]) + int(fields[12])
def tree(start):
    total, todo = 0, [start]
    while todo:
        pid = todo.pop()
        total += cpu.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total

print(tree(root) * 1000 // tick, (tree(postmaster) if postmaster else 0) * 1000 // tick)
