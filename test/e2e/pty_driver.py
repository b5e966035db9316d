#!/usr/bin/env python3
"""Runs a command in a pseudo-terminal and follows a script of (wait-for-text, keys-to-send) steps.

Stdlib only (pty, select, os), so the end-to-end tests need no native module such as node-pty.

The script is a JSON object, passed as the first argument or on stdin:

    {
      "cmd": ["node", "bin/who-failed-whom.js"],   # required
      "cwd": "/path",                               # optional
      "env": {"NO_COLOR": "1"},                     # merged over this process's environment
      "unsetEnv": ["FORCE_COLOR"],                  # removed from the environment
      "cols": 100, "rows": 40,                      # terminal size
      "steps": [{"expect": "(1/20)", "send": "\\r", "timeout": 10}],
      "exitTimeout": 10,                            # seconds to wait for the exit after the last step
      "report": "/tmp/x.json"                       # optional: where to write what the run measured (below)
    }

Each step waits until `expect` appears in the output (control sequences stripped) *after* the point where the
previous step's text was found, then writes `send` (if any) to the terminal. A step may have only `send`, or
`"delay": seconds` to pause before sending, or `"signal": "TERM"` to signal the child's process group (as a
terminal's line discipline or a supervisor would) instead of typing.

Everything read from the terminal is written raw to stdout. The exit code is the child's (128 + N when a
signal N ended it), or 124 when a step or the final exit timed out; then the child's process group is killed
and the reason goes to stderr.

Keys are written while the terminal's output is read, so a long paste never leaves the child blocked on a full
terminal. With "report", a JSON object goes to that file at the end: "steps", for each step with an `expect`, the
seconds from the start of the previous step's send (or signal) to its text appearing; and "canonical" and "echo",
the terminal's line discipline after the child exited (false, false: it was left in raw mode).
"""

import fcntl
import json
import os
import pty
import re
import select
import signal
import struct
import sys
import termios
import time

ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|\x1b[@-Z\\-_]")
TIMED_OUT = 124


def strip(text):
    return ANSI.sub("", text).replace("\r", "")


class Session:
    def __init__(self, spec):
        env = dict(os.environ)
        env.update({"TERM": "xterm", "COLUMNS": str(spec.get("cols", 100)), "LINES": str(spec.get("rows", 40))})
        for name in spec.get("unsetEnv", []):
            env.pop(name, None)
        env.update({k: str(v) for k, v in spec.get("env", {}).items()})
        cols, rows = spec.get("cols", 100), spec.get("rows", 40)
        pid, fd = pty.fork()
        if pid == 0:  # the child: the pty is its controlling terminal and stdin/stdout/stderr
            try:
                if spec.get("cwd"):
                    os.chdir(spec["cwd"])
                os.execvpe(spec["cmd"][0], spec["cmd"], env)
            except Exception as error:  # noqa: BLE001 - anything here must end the child
                os.write(2, f"pty_driver: cannot run {spec['cmd']!r}: {error}\n".encode())
            finally:
                os._exit(127)
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
        self.pid, self.fd = pid, fd
        self.raw = bytearray()
        self.eof = False
        self.status = None

    def text(self):
        return strip(self.raw.decode("utf-8", "replace"))

    def pump(self, seconds):
        """Reads what is available within `seconds`; returns False once the terminal is closed."""
        if self.eof:
            return False
        ready, _, _ = select.select([self.fd], [], [], max(0.0, seconds))
        if not ready:
            return True
        try:
            chunk = os.read(self.fd, 65536)
        except OSError:  # EIO: every process holding the slave side has closed it
            chunk = b""
        if not chunk:
            self.eof = True
            return False
        self.raw.extend(chunk)
        return True

    def expect(self, needle, start, timeout):
        deadline = time.monotonic() + timeout
        while True:
            found = self.text().find(needle, start)
            if found >= 0:
                return found + len(needle)
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return None
            if not self.pump(min(remaining, 0.2)):  # the terminal closed: nothing more will come
                found = self.text().find(needle, start)
                return found + len(needle) if found >= 0 else None

    def send(self, keys):
        data = keys.encode("utf-8")
        os.set_blocking(self.fd, False)
        try:
            while data:
                readable, writable, _ = select.select([self.fd], [self.fd], [], 1.0)
                if readable and not self.pump(0):
                    return
                if writable:
                    try:
                        data = data[os.write(self.fd, data[:4096]) :]
                    except BlockingIOError:
                        pass
        finally:
            os.set_blocking(self.fd, True)

    def mode(self):
        """The terminal's canonical and echo flags, or None when it cannot be read."""
        try:
            lflag = termios.tcgetattr(self.fd)[3]
        except termios.error:
            return None
        return {"canonical": bool(lflag & termios.ICANON), "echo": bool(lflag & termios.ECHO)}

    def wait(self, timeout):
        deadline = time.monotonic() + timeout
        while self.status is None and time.monotonic() < deadline:
            self.pump(0.05)  # keep draining so the child never blocks on a full terminal
            pid, status = os.waitpid(self.pid, os.WNOHANG)
            if pid == self.pid:
                self.status = status
        if self.status is None:
            return None
        while self.pump(0.05):  # whatever is left in the terminal
            pass
        if os.WIFSIGNALED(self.status):
            return 128 + os.WTERMSIG(self.status)
        return os.WEXITSTATUS(self.status)

    def kill(self):
        for target in (lambda: os.killpg(self.pid, signal.SIGKILL), lambda: os.kill(self.pid, signal.SIGKILL)):
            try:
                target()
            except OSError:
                pass
        try:
            os.waitpid(self.pid, 0)
        except OSError:
            pass


def main():
    spec = json.loads(sys.argv[1] if len(sys.argv) > 1 else sys.stdin.read())
    session = Session(spec)
    code = None
    position = 0
    failure = None
    timings = []
    acted = time.monotonic()
    for index, step in enumerate(spec.get("steps", [])):
        if step.get("expect") is not None:
            end = session.expect(step["expect"], position, float(step.get("timeout", 10)))
            if end is None:
                failure = f"step {index + 1}: timed out waiting for {step['expect']!r}"
                break
            timings.append({"expect": step["expect"], "seconds": round(time.monotonic() - acted, 3)})
            position = end
        if step.get("delay"):
            deadline = time.monotonic() + float(step["delay"])
            while time.monotonic() < deadline and session.pump(deadline - time.monotonic()):
                pass
        acted = time.monotonic()
        if step.get("send"):
            session.send(step["send"])
        if step.get("signal"):
            os.killpg(session.pid, getattr(signal, "SIG" + step["signal"]))
    if failure is None:
        code = session.wait(float(spec.get("exitTimeout", 10)))
        if code is None:
            failure = "timed out waiting for the command to exit"
    if spec.get("report"):
        with open(spec["report"], "w", encoding="utf-8") as report:
            json.dump({"steps": timings, **(session.mode() or {})}, report)
    if failure is not None:
        session.kill()
        code = TIMED_OUT
        sys.stderr.write(f"pty_driver: {failure}\n")
    sys.stdout.buffer.write(bytes(session.raw))
    sys.stdout.flush()
    os.close(session.fd)
    sys.exit(code)


if __name__ == "__main__":
    main()
