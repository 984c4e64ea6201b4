"""Hypothesis strategies for what a user may hand skillcheck: bytes, broken TOML, odd values."""

from __future__ import annotations

import codecs
from collections.abc import Callable
from datetime import UTC
from typing import Any

import tomli_w
from hypothesis import strategies as st

#: TOML scalars at their edges: huge integers, inf and nan, dates, control characters.
scalars = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.text(max_size=40),
    st.datetimes(timezones=st.just(UTC)) | st.datetimes(),
    st.dates(),
    st.times(),
)
keys = st.text(max_size=20)

#: Any TOML value: scalars, arrays and tables nested a few deep.
values = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=4),
    max_leaves=12,
)


def toml_text(document: dict[str, Any]) -> str:
    return tomli_w.dumps(document)


@st.composite
def mutated_document(draw: st.DrawFn, document: dict[str, Any]) -> dict[str, Any]:
    """`document` with one to three values replaced by any value, or keys removed or added."""
    result = _copy(document)
    for _ in range(draw(st.integers(1, 3))):
        table = result
        # Walk down to a table, now and then stopping early.
        while True:
            nested = [k for k, v in table.items() if isinstance(v, dict)]
            if not nested or draw(st.integers(0, 3)) == 0:
                break
            table = table[draw(st.sampled_from(nested))]
        action = draw(st.sampled_from(["replace", "remove", "add"]))
        if action == "add" or not table:
            table[draw(keys)] = draw(values)
            continue
        key = draw(st.sampled_from(sorted(table)))
        if action == "remove":
            del table[key]
        else:
            table[key] = draw(values)
    return result


def _copy(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value


def _nest(depth: int, opener: str, closer: str) -> str:
    return opener * depth + "1" + closer * depth


_BREAKERS: list[Callable[[str, st.DrawFn], bytes]] = [
    lambda text, draw: codecs.BOM_UTF8 + text.encode(),
    lambda text, draw: text.encode("utf-16"),
    lambda text, draw: text.encode() + bytes([draw(st.integers(0x80, 0xFF))]),
    lambda text, draw: text.encode()[: draw(st.integers(0, len(text.encode())))],
    # a line twice: duplicate keys and tables
    lambda text, draw: "\n".join(
        (lines := text.splitlines()) + [draw(st.sampled_from(lines or [""]))]
    ).encode(),
    # a value nested deeper than any reader follows
    lambda text, draw: (
        text + f"\ndeep = {_nest(draw(st.integers(300, 3000)), '[', ']')}\n"
    ).encode(),
    lambda text, draw: (
        text + f"\ndeep = {_nest(draw(st.integers(300, 3000)), '{a = ', '}')}\n"
    ).encode(),
    # a very long line
    lambda text, draw: (text + '\n"' + "x" * draw(st.integers(5_000, 50_000)) + '" = 1\n').encode(),
]


@st.composite
def broken_bytes(draw: st.DrawFn, text: str) -> bytes:
    """`text` (a good file) broken one way, or random bytes spliced into it."""
    data = text.encode()
    choice = draw(st.integers(0, len(_BREAKERS) + 1))
    if choice < len(_BREAKERS):
        return _BREAKERS[choice](text, draw)
    if choice == len(_BREAKERS):
        return draw(st.binary(max_size=512))
    at = draw(st.integers(0, len(data)))
    return data[:at] + draw(st.binary(min_size=1, max_size=16)) + data[at:]


def file_bytes(good_text: str, document: dict[str, Any]) -> st.SearchStrategy[bytes]:
    """A file a reader must survive: a good one broken, mutated or replaced by bytes."""
    return st.one_of(
        broken_bytes(good_text),
        mutated_document(document).map(lambda doc: toml_text(doc).encode()),
        st.binary(max_size=256),
    )
