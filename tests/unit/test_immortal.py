"""`zygote.immortal`: what is loaded stops being counted, what comes after is counted.

Each test runs in a process of its own: made immortal, this test run's objects would
never be freed. Where this Python has no immortal objects (3.11), the same checks show
that nothing changed.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from skillcheck.zygote import immortal

SUPPORTED = immortal.supported()


def run(script: str) -> list[str]:
    """Run `script` in a new interpreter; its printed words (it must exit 0, silently)."""
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(script)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0 and done.stderr == "", done.stderr
    return done.stdout.split()


def test_what_was_loaded_stops_being_counted_and_new_objects_are_counted() -> None:
    made, loaded_change, new_change = run(
        """
        import sys
        from skillcheck.zygote.immortal import immortalize_heap

        loaded = {"a dict": [object()]}
        made = immortalize_heap()

        def change(item):
            before = sys.getrefcount(item)
            held = [item] * 5
            return sys.getrefcount(item) - before

        new = object()
        print(made, change(loaded["a dict"][0]), change(new))
        """
    )
    assert new_change == "5"
    if SUPPORTED:
        assert int(made) > 1000  # the interpreter's own modules at least
        assert loaded_change == "0"
    else:
        assert (made, loaded_change) == ("0", "5")


@pytest.mark.skipif(not SUPPORTED, reason="no immortal objects before Python 3.12")
def test_nothing_is_made_immortal_when_the_probe_finds_references_still_counted() -> None:
    made, loaded_change = run(
        """
        import sys
        from skillcheck.zygote import immortal

        immortal._set_count = lambda address, count: None  # as if the layout had changed
        loaded = [object()]
        made = immortal.immortalize_heap()
        before = sys.getrefcount(loaded[0])
        held = [loaded[0]] * 3
        print(made, sys.getrefcount(loaded[0]) - before)
        """
    )
    assert (made, loaded_change) == ("0", "3")


def test_a_process_with_everything_immortal_exits_cleanly_and_still_collects_new_cycles() -> None:
    (collected,) = run(
        """
        import gc
        from skillcheck.zygote.immortal import immortalize_heap

        immortalize_heap()
        gc.freeze()
        cycle = []
        cycle.append(cycle)
        del cycle
        print(gc.collect() >= 1)
        """
    )
    assert collected == "True"
