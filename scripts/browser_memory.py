#!/usr/bin/env python3
"""Memory of the terminal browser against `crosscheck export` on the same
input: N one-line articles that all state the same sentence (syndicated wire
copy, the worst case for a story's size). For each N, the median over R runs
of:

* export's peak RSS (the engine alone: load, analyse, write JSON);
* the browser's peak RSS (VmHWM) when its first frame is drawn, in a 140x45
  pseudo-terminal;
* the browser's peak RSS after the stories matrix is opened and moved
  through (`s`, `G`, `l` x 5).

The browser's cost over the engine's is the difference between the first two.

    cargo build --release
    python3 scripts/browser_memory.py ./target/release/crosscheck 3 1000 2000 4000
"""
import fcntl, os, pty, select, statistics, struct, subprocess, sys, tempfile, termios, time

SENTENCE = b"Officials said 1,000 troops arrived in Kursk on Monday.\n"


def hwm_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def read_until(fd, needle, buf, timeout=600):
    deadline = time.monotonic() + timeout
    while needle not in buf:
        r, _, _ = select.select([fd], [], [], max(0.0, deadline - time.monotonic()))
        if not r:
            raise SystemExit(f"timeout waiting for {needle!r}")
        buf += os.read(fd, 1 << 16)
    return buf


def export_kib(exe, folder, env):
    p = subprocess.Popen([exe, "export", folder], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(p.pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0, status
    return usage.ru_maxrss


def browser_kib(exe, folder, env, fresh):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(env)
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", 45, 140, 0, 0))
        os.execv(exe, [exe] + (["--fresh"] if fresh else []) + [folder])
    buf = read_until(fd, b"Comparison", b"")
    first = hwm_kib(pid)
    for key in [b"s"] + [b"G"] + [b"l"] * 5:
        os.write(fd, key)
        time.sleep(0.2)
    read_until(fd, b"Stories:", buf)
    time.sleep(0.5)
    matrix = hwm_kib(pid)
    os.write(fd, b"q")
    try:
        while os.read(fd, 1 << 16):
            pass
    except OSError:
        pass
    _, st = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(st) == 0, st
    return first, matrix


def main():
    exe = os.path.abspath(sys.argv[1])
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 3
    sizes = [int(n) for n in sys.argv[3:]] or [1000, 2000]
    # Builds from before sessions have no --fresh.
    fresh = b"--fresh" in subprocess.run([exe, "--help"], capture_output=True).stdout
    print("articles  export MB  browser first frame MB  browser matrix MB  (medians of %d)" % runs)
    for n in sizes:
        with tempfile.TemporaryDirectory() as d:
            folder = os.path.join(d, "copies")
            os.mkdir(folder)
            for i in range(n):
                with open(os.path.join(folder, f"{i:06}.txt"), "wb") as f:
                    f.write(SENTENCE)
            env = dict(os.environ, TERM="xterm-256color",
                       XDG_CONFIG_HOME=os.path.join(d, "config"),
                       XDG_DATA_HOME=os.path.join(d, "data"),
                       XDG_STATE_HOME=os.path.join(d, "state"))
            ex, first, matrix = [], [], []
            for _ in range(runs):
                ex.append(export_kib(exe, folder, env))
                f, m = browser_kib(exe, folder, env, fresh)
                first.append(f)
                matrix.append(m)
            med = lambda v: statistics.median(v) / 1024
            print(f"{n:8}  {med(ex):9.0f}  {med(first):22.0f}  {med(matrix):17.0f}")


if __name__ == "__main__":
    main()
