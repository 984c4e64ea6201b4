"""What the zygote loads before any candidate is known, so each session starts warm.

For the app: every module a session uses (Textual, pydantic, the screens), the question
bank (loaded and validated once; sessions are handed this copy instead of reading the
files again), and a warm-up run of the app itself, headless, through the welcome screen,
a quick run and the results. The run fills Textual's and the app's caches, parses the
stylesheets once, imports what Textual imports lazily and lets the interpreter
specialise the hot code, all in memory the sessions then share instead of each
building its own. It uses a throwaway data folder and no candidate's data.
"""

from __future__ import annotations

import asyncio
import importlib
import importlib.util
import os
import shutil
import signal
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from skillcheck.ssh.zygote_protocol import APP_ENTRY

if TYPE_CHECKING:
    from skillcheck.domain.models import Bank
    from skillcheck.options import TuiOptions
    from skillcheck.ui.app import SkillcheckApp

SessionEntry = Callable[[list[str]], int]
Notice = Callable[[str], None]

#: Modules a session imports on the way (some lazily); a missing one is only a notice.
APP_MODULES = (
    "skillcheck.cli",
    "skillcheck.ui.app",
    "skillcheck.ui.screens.welcome",
    "skillcheck.ui.screens.question",
    "skillcheck.ui.screens.results",
    "skillcheck.ui.screens.save_dialog",
    "skillcheck.ui.screens.confirm_dialog",
    "skillcheck.domain.scoring",
    "skillcheck.domain.selection",
    "skillcheck.domain.session",
    "skillcheck.store.autosave",
    "skillcheck.store.results",
    "skillcheck.store.crash_log",
    "skillcheck.store.history",
    "skillcheck.store.position",  # serve --position
    "skillcheck.domain.position",
    "skillcheck.plain",  # dumb terminals
    "textual.drivers.linux_driver",
)
WARM_UP_SIZE = (80, 24)
#: Answers given in the warm-up run: the whole quick run, so the results are drawn too.
WARM_UP_ANSWER_KEY = "1"
#: The warm-up's throwaway data folder: this, the zygote's pid and a random part, in /tmp.
WARM_UP_PREFIX = "skillcheck-zygote-warm-up-"
#: The warm-up gives up waiting for the results screen after this long.
WARM_UP_SECONDS = 20.0


def load_entry(entry: str, bank_dir: Path | None, notice: Notice) -> SessionEntry:
    """The function a session runs: the app (`APP_ENTRY`) or `FILE.py:FUNCTION` (tests)."""
    if entry == APP_ENTRY:
        return preload_app(bank_dir, notice)
    path, _, name = entry.rpartition(":")
    spec = importlib.util.spec_from_file_location("skillcheck_session_entry", path)
    if not path or not name or spec is None or spec.loader is None:
        raise ValueError(f"{entry!r} is not FILE.py:FUNCTION")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    function: SessionEntry = getattr(module, name)
    return function


def preload_app(bank_dir: Path | None, notice: Notice) -> SessionEntry:
    """Import the app, load the bank, warm up; `skillcheck.cli.main` is the entry."""
    from skillcheck import cli
    from skillcheck.store.bank import load_bank

    for name in APP_MODULES:
        try:
            importlib.import_module(name)
        except ImportError as exc:
            notice(f"could not preload {name} ({exc}); sessions import it themselves")
    cli.build_parser()  # kept: a session parses its argv with this one
    bank = load_bank(bank_dir)
    serve_loaded_bank(bank_dir, bank)
    if not share_stylesheet_parses():
        notice("this Textual parses stylesheets differently; each session parses its own")
    try:
        warm_up(bank)
    except Exception as exc:
        notice(f"the warm-up run failed ({type(exc).__name__}: {exc}); sessions start colder")
    return cli.main


def serve_loaded_bank(bank_dir: Path | None, loaded: Bank) -> None:
    """From now on, an app made for this bank gets the copy loaded here.

    `skillcheck.cli` runs the app with a function that loads the bank after the first
    frame (`ui.app.run_tui`); a session forked from here is handed this copy instead
    (copy-on-write: one session's changes never reach another), so it neither reads nor
    validates the files again and draws its welcome screen once, complete. An app for
    another folder is made as before. This is why a change of the bank on disk needs a
    restart of `skillcheck serve`.
    """
    from skillcheck.store import paths
    from skillcheck.ui import app as app_module

    folder = paths.bank_dir(bank_dir).resolve()
    make_app = app_module.make_app

    def make_app_with_loaded_bank(
        bank: Bank | Callable[[], Bank], options: TuiOptions, *, work_dir: Path | None = None
    ) -> SkillcheckApp:
        if callable(bank) and paths.bank_dir(options.bank_dir).resolve() == folder:
            bank = loaded
        return make_app(bank, options, work_dir=work_dir)

    app_module.make_app = make_app_with_loaded_bank


#: The parameters of Textual's `Stylesheet._parse_rules` that the shared cache knows.
_PARSE_PARAMETERS = ["self", "css", "read_from", "is_default_rules", "tie_breaker", "scope"]
#: Distinct stylesheets kept (each theme's variables give the app's CSS another parse).
SHARED_PARSES = 512


def share_stylesheet_parses() -> bool:
    """Parse each stylesheet once in the zygote, not once in every session.

    Textual keeps parsed rules per `Stylesheet`, and every app makes new ones, so each
    session would parse the app's and every widget's CSS again (about 12 ms of CPU and
    a sixth of a session's start). The rules are never changed once parsed (Textual
    reuses them itself), and the CSS variables are substituted while parsing, so they
    are part of the key. Returns False, changing nothing, if Textual's method is not
    the one this was written for.
    """
    import inspect

    from textual.css.stylesheet import Stylesheet

    parse = Stylesheet._parse_rules
    if list(inspect.signature(parse).parameters) != _PARSE_PARAMETERS:
        return False
    shared: dict[tuple[object, ...], object] = {}

    def parse_rules(
        self: Stylesheet,
        css: str,
        read_from: tuple[str, str],
        is_default_rules: bool = False,
        tie_breaker: int = 0,
        scope: str = "",
    ) -> object:
        key = (css, read_from, is_default_rules, tie_breaker, scope, *self._variables.items())
        rules = shared.get(key)
        if rules is None:
            rules = parse(self, css, read_from, is_default_rules, tie_breaker, scope)
            if len(shared) < SHARED_PARSES:
                shared[key] = rules
        return rules

    Stylesheet._parse_rules = parse_rules  # type: ignore[method-assign,assignment]
    return True


#: The warm-up's folder while it exists, for `remove_warm_up_folder`.
_warm_up_folders: list[str] = []


def warm_up(bank: Bank) -> None:
    """Run the app headless once, start to finish, in a throwaway data folder."""
    # A SIGTERM that lands between making the folder and noting it waits for the note.
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGTERM})
    try:
        folder = tempfile.mkdtemp(prefix=f"{WARM_UP_PREFIX}{os.getpid()}-")
        _warm_up_folders.append(folder)
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    saved = os.environ.get("SKILLCHECK_DATA_DIR")
    os.environ["SKILLCHECK_DATA_DIR"] = folder
    try:
        asyncio.run(_warm_up_run(bank, Path(folder)))
    finally:
        if saved is None:
            os.environ.pop("SKILLCHECK_DATA_DIR", None)
        else:
            os.environ["SKILLCHECK_DATA_DIR"] = saved
        remove_warm_up_folder()


def remove_warm_up_folder() -> None:
    """Remove the warm-up's folder, if it exists: at the warm-up's end, or when the
    zygote is stopped at any moment of it (its SIGTERM handler calls this)."""
    while _warm_up_folders:
        # Removed, then forgotten: a SIGTERM in between removes it again, not never.
        shutil.rmtree(_warm_up_folders[-1], ignore_errors=True)
        _warm_up_folders.pop()


async def _warm_up_run(bank: Bank, folder: Path) -> None:
    from skillcheck.options import TuiOptions
    from skillcheck.ui.app import make_app
    from skillcheck.ui.priority import staying_put

    options = TuiOptions(served=True, output=folder / "results.toml")
    app = make_app(bank, options, work_dir=folder)
    with staying_put():  # a warm-up is no candidate: it must not step back (ui/priority.py)
        await _answer_to_the_results(app)


async def _answer_to_the_results(app: SkillcheckApp) -> None:
    from textual import events

    async with app.run_test(size=WARM_UP_SIZE) as pilot:
        await pilot.press("enter")  # Quick: the first choice when nothing is saved
        # A quick run grows as it goes (the next question is chosen from the answers so
        # far), so its length is unknown here: answer one question at a time until the
        # results show. Keys are posted, not pressed: Pilot's press() waits for the
        # machine to be idle after every key, which on a busy server takes seconds.
        deadline = asyncio.get_running_loop().time() + WARM_UP_SECONDS
        while app.results is None and asyncio.get_running_loop().time() < deadline:
            session = app.session
            answered = session.answered_count if session is not None else 0
            app.post_message(events.Key(WARM_UP_ANSWER_KEY, WARM_UP_ANSWER_KEY))
            app.post_message(events.Key("enter", "\r"))
            while app.results is None and asyncio.get_running_loop().time() < deadline:
                await asyncio.sleep(0.01)
                session = app.session
                if session is not None and session.answered_count != answered:
                    break
        await pilot.pause()
        reached = app.results is not None
        app.exit()
    if not reached:
        raise RuntimeError("it did not reach the results screen")
