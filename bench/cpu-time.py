#!/usr/bin/env python3
"""Prints, as JSON, the median CPU time (user + system, all threads) in milliseconds of each command, run in
interleaved rounds. CPU time, unlike wall time, hardly moves when other jobs share the machine.

usage: cpu-time.py RUNS < {"name": ["cmd", "arg", ...], ...}
(stdlib only; the environment is the caller's; stdout of the commands goes to a pipe that is drained)
"""
import json, resource, statistics, subprocess, sys

runs = int(sys.argv[1])
cases = json.load(sys.stdin)
times = {name: [] for name in cases}
for name, argv in cases.items():
    subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)  # warm-up
for _ in range(runs):
    for name, argv in cases.items():
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        times[name].append(used * 1000)
print(json.dumps({name: statistics.median(values) for name, values in times.items()}))
