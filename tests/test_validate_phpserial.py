"""The PHP serialize checker against data serialized the way PHP does it (hypothesis)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from wxr_tools.validate.phpserial import SerializedError, check_serialized, looks_serialized


def php_serialize(value: object) -> str:
    """PHP's serialize() for scalars, strings and arrays; string lengths in UTF-8 bytes."""
    if value is None:
        return "N;"
    if isinstance(value, bool):
        return f"b:{int(value)};"
    if isinstance(value, int):
        return f"i:{value};"
    if isinstance(value, float):
        return f"d:{value!r};".replace("inf", "INF").replace("nan", "NAN")
    if isinstance(value, str):
        return f's:{len(value.encode("utf-8"))}:"{value}";'
    if isinstance(value, dict):
        body = "".join(php_serialize(k) + php_serialize(v) for k, v in value.items())
        return f"a:{len(value)}:{{{body}}}"
    raise TypeError(value)


text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | text
values = st.recursive(scalars, lambda inner: st.dictionaries(st.integers() | text, inner, max_size=4),
                      max_leaves=20)


@given(values)
def test_what_php_serializes_is_accepted(value: object) -> None:
    data = php_serialize(value)
    check_serialized(data)
    assert looks_serialized(data)


@given(st.dictionaries(text, text, min_size=1, max_size=4))
def test_a_wrong_string_length_is_caught(value: dict[str, str]) -> None:
    data = php_serialize(value)
    first = re.search(r"s:(\d+):", data)
    assert first is not None
    broken = data[:first.start(1)] + str(int(first.group(1)) + 1) + data[first.end(1):]
    with pytest.raises(SerializedError):
        check_serialized(broken)


@given(values, st.integers(min_value=1, max_value=200))
def test_cut_data_is_caught(value: object, cut: int) -> None:
    data = php_serialize(value)
    if cut >= len(data.encode("utf-8")):
        return
    truncated = data.encode("utf-8")[:-cut].decode("utf-8", "ignore")
    if truncated.strip() != truncated:
        return  # the checker strips surrounding whitespace, as WordPress does
    with pytest.raises(SerializedError):
        check_serialized(truncated)
