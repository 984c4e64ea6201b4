"""Make what the zygote has loaded immortal before it forks (Python 3.12 and later).

A forked session shares the zygote's memory until it writes to a page, and CPython
writes to an object each time it takes or drops a reference to it (its reference
count). So a session that only *uses* a function, a string or a class copies the page
it lives on. `gc.freeze()` keeps the collector off those pages; reference counts are
the rest, and they cost about a third of a session's private memory at its welcome
(docs/performance.md, "The fifth pass").

Since Python 3.12 (PEP 683) an object whose count holds the immortal value is never
counted again: taking or dropping a reference leaves it alone. So, once everything is
loaded, the zygote gives every object it can reach the count `None` has, and a session
reads those pages without copying them. This is the same move as Cinder's
`sys.immortalize_heap()`, done with `ctypes` on the count's layout, and only after a
probe object shows the interpreter treats that layout as immortal.

What it costs: those objects are never freed, in the zygote or in any session. They
are the modules, the bank and the caches every session keeps until it ends anyway. A
session's own objects are counted and freed as usual. An immortal object behaves like
any other, except that `sys.getrefcount` reads the immortal value and the interpreter's
shortcuts for an object held only once (growing a string in place) pass it by.

Where it does nothing: Python 3.11 (no immortal objects), free-threaded builds (they
count differently), 32-bit or big-endian machines, and any interpreter where a probe
object, made immortal first, is still counted.
"""

from __future__ import annotations

import ctypes
import gc
import sys
import sysconfig
from collections.abc import Callable

#: The first Python whose reference counts know immortal objects (PEP 683).
IMMORTAL_SINCE = (3, 12)
_LOW_32_BITS = 0xFFFF_FFFF


def supported() -> bool:
    """Whether this interpreter counts references the way `immortalize_heap` relies on."""
    return (
        sys.implementation.name == "cpython"
        and sys.version_info >= IMMORTAL_SINCE
        and not sysconfig.get_config_var("Py_GIL_DISABLED")
        and sys.maxsize > 2**32
        and sys.byteorder == "little"
    )


def immortalize_heap() -> int:
    """Make every object reachable from the collector's lists immortal; how many were.

    0 where it is not supported (see the module's notes). Collect first: what is
    garbage now would otherwise be kept for good.
    """
    if not supported():
        return 0
    count = sys.getrefcount(None) & _LOW_32_BITS
    is_immortal = _immortal_test(count)
    if not _works(count, is_immortal):
        return 0
    made = 0
    pending = gc.get_objects()
    while pending:
        item = pending.pop()
        if is_immortal(item):  # done already, or immortal from the start (None, small ints)
            continue
        _set_count(id(item), count)
        made += 1
        pending.extend(gc.get_referents(item))
    return made


def _immortal_test(count: int) -> Callable[[object], bool]:
    known: Callable[[object], bool] | None = getattr(sys, "_is_immortal", None)  # 3.14
    if known is not None:
        return known
    return lambda item: sys.getrefcount(item) & _LOW_32_BITS == count


def _set_count(address: int, count: int) -> None:
    # The count's low 32 bits (the first field of every object, on a little-endian
    # 64-bit build): the upper half is the overflow and, from 3.14, the object's flags.
    ctypes.c_uint32.from_address(address).value = count


class _Probe:
    pass


def _works(count: int, is_immortal: Callable[[object], bool]) -> bool:
    """Make one fresh object immortal and check that references no longer count."""
    probe = _Probe()
    before = sys.getrefcount(probe)
    _set_count(id(probe), count)
    held = [probe] * 8
    counted = sys.getrefcount(probe)
    del held
    return is_immortal(probe) and counted == sys.getrefcount(probe) and counted != before
