#!/usr/bin/env python3
"""Prints the milliseconds from spawning a command in a pseudo-terminal to the first time TEXT appears.

usage: first-prompt.py [--linger MS] TEXT CMD [ARG...]
(stdlib only; the child is killed once the text is seen, or MS later: a person reading the question)
"""
import os, pty, select, signal, sys, time

args = sys.argv[1:]
linger = 0.0
if args[0] == "--linger":
    linger, args = float(args[1]) / 1000, args[2:]
text, cmd = args[0].encode(), args[1:]
start = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    os.execvp(cmd[0], cmd)
seen = b""
deadline = start + 20
while time.perf_counter() < deadline:
    ready, _, _ = select.select([fd], [], [], 0.05)
    if ready:
        try:
            seen += os.read(fd, 65536)
        except OSError:
            break
        if text in seen:
            print(f"{(time.perf_counter() - start) * 1000:.1f}")
            time.sleep(linger)
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sys.exit(0)
os.kill(pid, signal.SIGKILL)
sys.exit(f"never saw {text!r}")
