#!/usr/bin/env python3
"""Start-up time of the terminal browser in a 140x45 pseudo-terminal,
medians of N runs:

* first frame: from spawn until the first screen is drawn (the loading
  screen, or the browser when loading ends within 50 ms);
* browser: from spawn until the browser is drawn (the three panes, or the
  story list when the corpus holds several stories);
* with --quit: `q` is sent at the first frame instead, and the time from
  the key to the process's exit is measured (quitting during loading).

Without PATHS the bundled articles are opened. Arguments after the paths
(such as --no-cache) go to crosscheck. XDG_CACHE_HOME is a fresh temporary
folder unless --warm is given, in which case one unmeasured run fills it
first.

    cargo build --release && python3 scripts/startup.py ./target/release/crosscheck 21
    python3 scripts/startup.py ./target/release/crosscheck 5 reuters.jsonl --no-cache
    python3 scripts/startup.py ./target/release/crosscheck 5 --warm reuters.jsonl
    python3 scripts/startup.py ./target/release/crosscheck 5 --quit reuters.jsonl --no-cache
"""
import os, pty, time, select, sys, statistics, struct, fcntl, termios, tempfile, shutil, re, codecs

exe = sys.argv[1]
runs = int(sys.argv[2]) if len(sys.argv) > 2 else 15
rest = sys.argv[3:]
quit_at_first = "--quit" in rest
warm = "--warm" in rest
args = [a for a in rest if a not in ("--quit", "--warm")]

ROWS, COLS = 45, 140
COMPLETE = re.compile(r"\x1b(\[[0-9;?]*[A-Za-z]|[^\[])", re.S)
TOKEN = re.compile(r"\x1b\[([0-9;?]*)([A-Za-z])|\x1b.|[^\x1b]", re.S)


class Screen:
    """Just enough of a terminal to read what is on screen: cursor moves
    (CSI row;col H) and characters; colours and modes are ignored. ratatui
    writes only the cells that changed, so the screen, not the byte
    stream, says which view is shown."""

    def __init__(self):
        self.grid = [[" "] * COLS for _ in range(ROWS)]
        self.row = self.col = 0
        self.pending = ""
        self.decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
        self.entered = False

    def feed(self, data):
        text = self.pending + self.decoder.decode(data)
        # An escape sequence cut by the end of the chunk waits for the rest.
        esc = text.rfind("\x1b")
        self.pending = ""
        if esc >= 0 and not COMPLETE.match(text, esc):
            text, self.pending = text[:esc], text[esc:]
        for m in TOKEN.finditer(text):
            if m.group(2):
                args, cmd = m.group(1), m.group(2)
                if cmd == "H":
                    parts = (args or "1;1").split(";")
                    self.row = int(parts[0] or 1) - 1
                    self.col = int(parts[1] or 1) - 1 if len(parts) > 1 else 0
                elif cmd == "h" and args == "?1049":
                    self.entered = True
                elif cmd == "J":
                    self.grid = [[" "] * COLS for _ in range(ROWS)]
            elif not m.group(0).startswith("\x1b"):
                ch = m.group(0)
                if ch in "\r\n":
                    continue
                if 0 <= self.row < ROWS and 0 <= self.col < COLS:
                    self.grid[self.row][self.col] = ch
                self.col += 1

    def text(self):
        return "\n".join("".join(r) for r in self.grid)


def first_frame(screen):
    t = screen.text()
    return screen.entered and (" Loading " in t or "Articles (" in t or "Stories (" in t)


def browser(screen):
    t = screen.text()
    return "Stories (" in t or ("Articles (" in t and "Comparison" in t and " Loading " not in t)


def quit_and_drain(fd):
    """Sends q and reads until the pty closes: the process has exited."""
    os.write(fd, b"q")
    try:
        while os.read(fd, 65536):
            pass
    except OSError:
        pass


def run_once(cache):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ["TERM"] = "xterm-256color"
        os.environ["XDG_CACHE_HOME"] = cache
        fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        os.execv(exe, [exe] + args)
    t0 = time.perf_counter()
    screen = Screen()
    first = ready = quit_took = None
    while True:
        r, _, _ = select.select([fd], [], [], 120)
        if not r:
            raise SystemExit("timeout")
        try:
            chunk = os.read(fd, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen.feed(chunk)
        now = time.perf_counter()
        if first is None and first_frame(screen):
            first = (now - t0) * 1000
            if quit_at_first:
                quit_and_drain(fd)
                quit_took = (time.perf_counter() - now) * 1000
                break
        if ready is None and browser(screen):
            ready = (now - t0) * 1000
            quit_and_drain(fd)
            break
    _, st = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(st) == 0, st
    return first, ready, quit_took


def show(name, xs):
    xs = [x for x in xs if x is not None]
    if xs:
        print(f"{name}: median {statistics.median(xs):.1f} ms, min {min(xs):.1f}, max {max(xs):.1f}")


cache = tempfile.mkdtemp(prefix="crosscheck-startup.")
try:
    if warm:
        run_once(cache)
    results = [run_once(cache if warm else tempfile.mkdtemp(dir=cache)) for _ in range(runs)]
finally:
    shutil.rmtree(cache, ignore_errors=True)
print("runs", runs, "load average", open("/proc/loadavg").read().split()[:3])
show("first frame", [r[0] for r in results])
show("browser", [r[1] for r in results])
show("q to exit", [r[2] for r in results])
