#!/usr/bin/env python3
"""Start-up time of the terminal browser: from spawn until the first frame
(the "Articles (5)" and "Comparison" panes) is drawn, in a 140x45
pseudo-terminal, on the bundled articles. Prints the median of N runs.

    cargo build --release && python3 scripts/startup.py ./target/release/crosscheck 21
"""
import os, pty, time, select, sys, statistics, struct, fcntl, termios
exe = sys.argv[1]; runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
times = []
for i in range(runs):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 140, 0, 0))
        os.execv(exe, [exe])
    t0 = time.perf_counter(); buf = b""
    while b"Articles (5)" not in buf or b"Comparison" not in buf:
        r, _, _ = select.select([fd], [], [], 10)
        if not r: raise SystemExit("timeout")
        buf += os.read(fd, 65536)
    times.append((time.perf_counter() - t0) * 1000)
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536): pass
    except OSError: pass
    _, st = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(st) == 0, st
print("runs", len(times), "median %.1f ms" % statistics.median(times), "min %.1f max %.1f" % (min(times), max(times)))
