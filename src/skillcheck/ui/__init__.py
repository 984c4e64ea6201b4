"""The Textual app: screens, widgets, the command table and the terminal's quirks.

May import: Textual, Rich, `skillcheck.domain` and `skillcheck.store` (the domain and the
store never import it back). Screens show a session or results and never compute a score.

A change goes here when it is about what the candidate sees or presses. A key, a Footer
entry or a palette entry is a `Command` in `ui/commands.py`: add or change it there and
list it in the screen's `OFFERED_COMMANDS`; the bindings and the palette follow.
"""
