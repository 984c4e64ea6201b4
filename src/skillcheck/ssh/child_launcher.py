"""Runs as `python -I -S child_launcher.py MEMORY FILES CPU -- COMMAND...` in the child.

It makes the pty on fd 0 the controlling terminal (so the app gets SIGWINCH and
/dev/tty), sets the resource limits, then replaces itself with COMMAND. Doing this in
a tiny process of its own avoids `preexec_fn`, which is unsafe in a threaded server.
Standard library only: it runs without site-packages.
"""

from __future__ import annotations

import fcntl
import os
import resource
import sys
import termios

USAGE_EXIT = 125


def apply_limits(memory: int, files: int, cpu: int) -> None:
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))
    # Soft limit first: SIGXCPU lets the app die cleanly before the hard SIGKILL.
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 5))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def main(argv: list[str]) -> int:
    if len(argv) < 6 or argv[4] != "--":
        sys.stderr.write("usage: child_launcher.py MEMORY FILES CPU -- COMMAND...\n")
        return USAGE_EXIT
    memory, files, cpu = (int(value) for value in argv[1:4])
    command = argv[5:]
    # The server started us with setsid(); claim the pty as our controlling terminal.
    fcntl.ioctl(0, termios.TIOCSCTTY, 0)
    apply_limits(memory, files, cpu)
    # Candidate files are for the server's user only.
    os.umask(0o077)
    os.execv(command[0], command)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
