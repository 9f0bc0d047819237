#!/usr/bin/env python3
"""CPU time (ms) used so far by a process and all its live descendants (for example the server and the
embedded PostgreSQL it started): a load-independent cost figure for benchmarks on a shared machine."""
import os, sys

root = int(sys.argv[1])
# The embedded PostgreSQL daemonizes (pg_ctl): not a descendant of the server. Its postmaster's pid is
# the first line of the data directory's postmaster.pid, given as the third argument.
postmaster = None
if len(sys.argv) > 3:
    try:
        with open(sys.argv[3]) as f:
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

total = tree(root) + (tree(postmaster) if postmaster else 0)
if len(sys.argv) > 2 and sys.argv[2] == 'split':
    # The server, then the embedded PostgreSQL.
    print(tree(root) * 1000 // tick, (total - tree(root)) * 1000 // tick)
else:
    print(total * 1000 // tick)
