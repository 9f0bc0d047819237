#!/usr/bin/env python3
"""CPU time (ms) used so far by a process and all its live descendants (for example the server and the
embedded PostgreSQL it started): a load-independent cost figure for benchmarks on a shared machine."""
import os, sys

root = int(sys.argv[1])
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
total, todo = 0, [root]
while todo:
    pid = todo.pop()
    total += cpu.get(pid, 0)
    todo.extend(children.get(pid, []))
print(total * 1000 // tick)
