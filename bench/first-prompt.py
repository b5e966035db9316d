#!/usr/bin/env python3
"""Prints the milliseconds from spawning a command in a pseudo-terminal to the first time TEXT appears.

usage: first-prompt.py TEXT CMD [ARG...]   (stdlib only; the child is killed once the text is seen)
"""
import os, pty, select, signal, sys, time

text, cmd = sys.argv[1].encode(), sys.argv[2:]
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
            os.kill(pid, signal.SIGKILL)
            os.waitpid(pid, 0)
            sys.exit(0)
os.kill(pid, signal.SIGKILL)
sys.exit(f"never saw {text!r}")
