"""A checker for PHP ``serialize()`` data: is it structurally sound, would ``unserialize`` take it?

It walks the bytes, checks every length (PHP counts string lengths in bytes,
not characters) and every count, and never builds a value or an object, so
hostile input cannot make it do anything but answer. ``phpserialize`` would
build Python objects and has not been maintained since 2016; a checker is
all validation needs.
"""

from __future__ import annotations

import re

MAX_DEPTH = 512
"""Deepest nesting accepted; deeper data is reported rather than walked."""

_LOOKS_SERIALIZED = re.compile(rb"^(?:N;|b:[01];|i:-?\d+;|d:[^;]+;|[sSaOCE]:\d+:.*[;}])$", re.DOTALL)
_INT = re.compile(rb"-?\d+")
_FLOAT = re.compile(rb"-?(?:INF|NAN|\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?)")
_UINT = re.compile(rb"\d{1,18}(?!\d)")
"""A length or a count: more than 18 digits is more bytes than any data holds (and more than int() parses)."""


class SerializedError(ValueError):
    """Why the data would not unserialize, and at which byte."""

    def __init__(self, message: str, offset: int) -> None:
        self.offset = offset
        super().__init__(f"{message} at byte {offset}")


def looks_serialized(value: str) -> bool:
    """Whether WordPress's ``is_serialized()`` would call this serialized (and so unserialize it)."""
    text = value.strip()
    if len(text) < 2 or (text[1] != ":" and text != "N;"):  # most meta values: decided without encoding
        return False
    return bool(_LOOKS_SERIALIZED.match(text.encode("utf-8", "surrogateescape")))


def check_serialized(value: str) -> None:
    """Raise :class:`SerializedError` if ``value`` is not one complete serialized PHP value."""
    data = value.strip().encode("utf-8", "surrogateescape")
    end = _Checker(data).value(0, 0)
    if end != len(data):
        raise SerializedError("data after the end of the value", end)


class _Checker:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def _expect(self, pos: int, token: bytes) -> int:
        if not self.data.startswith(token, pos):
            got = self.data[pos:pos + 1].decode("latin-1") or "the end"
            raise SerializedError(f"expected {token.decode()!r}, found {got!r}", pos)
        return pos + len(token)

    def _number(self, pattern: re.Pattern[bytes], pos: int, what: str) -> tuple[bytes, int]:
        match = pattern.match(self.data, pos)
        if match is None:
            raise SerializedError(f"expected {what}", pos)
        return match.group(0), match.end()

    def _string(self, pos: int, open_: bytes = b'"', close: bytes = b'"') -> tuple[int, int]:
        """``<len>:"<bytes>"`` -> (start of the bytes, position after the closing quote)."""
        digits, pos = self._number(_UINT, pos, "a string length")
        pos = self._expect(pos, b":" + open_)
        length = int(digits)
        end = pos + length
        if end > len(self.data) or not self.data.startswith(close, end):
            raise SerializedError(f"a string said to be {length} bytes long is not", pos)
        return pos, end + len(close)

    def value(self, pos: int, depth: int) -> int:
        """Check the value starting at ``pos``; return the position after it."""
        if depth > MAX_DEPTH:
            raise SerializedError(f"nested deeper than {MAX_DEPTH} levels", pos)
        kind = self.data[pos:pos + 1]
        if kind == b"N":
            return self._expect(pos + 1, b";")
        pos = self._expect(pos + 1, b":") if kind else pos
        if kind == b"b":
            if self.data[pos:pos + 1] not in (b"0", b"1"):
                raise SerializedError("a boolean that is neither 0 nor 1", pos)
            return self._expect(pos + 1, b";")
        if kind in (b"i", b"r", b"R"):
            _, pos = self._number(_INT, pos, "a whole number")
            return self._expect(pos, b";")
        if kind == b"d":
            _, pos = self._number(_FLOAT, pos, "a number")
            return self._expect(pos, b";")
        if kind in (b"s", b"E"):
            _, pos = self._string(pos)
            return self._expect(pos, b";")
        if kind == b"a":
            return self._members(pos, depth)
        if kind == b"O":
            _, pos = self._string(pos)
            pos = self._expect(pos, b":")
            return self._members(pos, depth)
        if kind == b"C":
            _, pos = self._string(pos)
            pos = self._expect(pos, b":")
            _, pos = self._string(pos, open_=b"{", close=b"}")
            return pos
        got = kind.decode("latin-1") or "the end"
        raise SerializedError(f"unknown type {got!r}", pos)

    def _members(self, pos: int, depth: int) -> int:
        digits, pos = self._number(_UINT, pos, "a member count")
        pos = self._expect(pos, b":{")
        for _ in range(int(digits)):
            if self.data[pos:pos + 1] not in (b"i", b"s"):
                raise SerializedError("a key that is neither a whole number nor a string", pos)
            pos = self.value(pos, depth + 1)
            pos = self.value(pos, depth + 1)
        return self._expect(pos, b"}")
