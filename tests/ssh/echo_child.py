"""A stand-in for the app in SSH tests: reports its terminal and echoes keys.

Run as `python echo_child.py --output FILE`. Prints `READY ...`, `ENV ...`, `CTTY ...`
and `LIMITS ...` lines, `SIZE cols x rows` on every SIGWINCH and `KEY <repr>` per read.
`q` writes FILE and exits 0; `x` exits 3 without writing anything; `s` stops reading
for five seconds (a stuck app, for the flood test); `d` leaves a process holding the pty
and exits. For the limits: `m` asks for more memory than RLIMIT_AS allows (`MEMORY
refused` or `MEMORY allowed`), `f` opens files until it cannot (`FILES <how many>`),
`c` spins until RLIMIT_CPU stops it. `i` says whether what was loaded before the session
began (this module's functions) and what the session makes are immortal (`IMMORTAL
loaded=yes|no made=yes|no`; `zygote/immortal.py`).

Run directly (`--no-zygote`) or forked from a zygote (`main(argv)` is the entry).
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess
import sys
import time
import types


def say(line: str) -> None:
    os.write(1, (line + "\r\n").encode())


def report_size(signum: int = 0, frame: types.FrameType | None = None) -> None:
    size = shutil.get_terminal_size((0, 0))
    say(f"SIZE {size.columns}x{size.lines}")


def try_memory(limit: int) -> str:
    try:
        block = bytearray(limit + (64 << 20))
    except MemoryError:
        return "refused"
    del block
    return "allowed"


def count_openable_files() -> int:
    opened = []
    try:
        while True:
            opened.append(os.open(os.devnull, os.O_RDONLY))
    except OSError:
        pass
    for fd in opened:
        os.close(fd)
    return len(opened)


def is_immortal(item: object) -> str:
    """ "yes" if references to `item` are not counted (its count is the one None has)."""
    return "yes" if sys.getrefcount(item) == sys.getrefcount(None) else "no"


def main(argv: list[str] | None = None) -> int:
    """The stand-in app: `argv` are the app's arguments (`--output FILE`, maybe `--bank`)."""
    arguments = sys.argv[1:] if argv is None else argv
    output = arguments[arguments.index("--output") + 1]
    # What a full-screen app switches on, so the tests can see it switched off again.
    os.write(1, b"\x1b[?1049h\x1b[?1000h\x1b[?1006h\x1b[?25l")
    say(f"READY pid={os.getpid()} term={os.environ.get('TERM')}")
    say(f"CWD {os.getcwd()}")
    say("ENV " + ",".join(sorted(os.environ)))
    try:
        os.close(os.open("/dev/tty", os.O_RDWR))
        say("CTTY yes")
    except OSError:
        say("CTTY no")
    memory = resource.getrlimit(resource.RLIMIT_AS)[0]
    files = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    say(f"LIMITS as={memory} nofile={files}")
    signal.signal(signal.SIGWINCH, report_size)
    report_size()
    while True:
        data = os.read(0, 1024)
        if not data:
            return 0
        say(f"KEY {data!r}")
        if b"q" in data:
            with open(output, "w", encoding="utf-8") as handle:
                handle.write("done = true\n")
            return 0
        if b"x" in data:
            return 3
        if b"s" in data:
            time.sleep(5)
        if b"m" in data:
            say(f"MEMORY {try_memory(memory)}")
        if b"f" in data:
            say(f"FILES {count_openable_files()}")
        if b"i" in data:
            say(f"IMMORTAL loaded={is_immortal(say)} made={is_immortal(object())}")
        if b"c" in data:
            while True:
                pass
        if b"d" in data:
            # Leave a process behind that keeps the pty open, then exit.
            # An ignored SIGHUP survives exec: the kernel's hangup will not end it.
            signal.signal(signal.SIGHUP, signal.SIG_IGN)
            helper = subprocess.Popen(["sleep", "60"])
            say(f"HELPER {helper.pid}")
            return 0


if __name__ == "__main__":
    raise SystemExit(main())
