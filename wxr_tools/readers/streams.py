"""Inputs that can be read only once: ``-`` (standard input), pipes, ``/dev/stdin``, ``<(...)``.

Readers pass over an export more than once (the channel first, then the
posts, and writers may stream the posts twice), and a pipe cannot be
rewound. Such an input is copied as it streams into a temporary file, in
fixed-size blocks (memory stays flat), and read from there under its own
name; the copy is removed when the input is no longer used.
"""

from __future__ import annotations

import os
import shutil
import stat
import sys
import tempfile
import weakref
from collections.abc import Sequence
from pathlib import Path
from typing import BinaryIO

STDIN = "-"
"""The input name that means standard input."""

_BLOCK = 1 << 20


class SpooledInput(os.PathLike):  # type: ignore[type-arg]
    """A one-time input copied to a temporary file: opens as a path, named as the user gave it."""

    def __init__(self, display_name: str, stream: BinaryIO) -> None:
        self.display_name = display_name
        handle, self.path = tempfile.mkstemp(prefix="wxr-input-")
        with os.fdopen(handle, "wb") as spool:
            shutil.copyfileobj(stream, spool, _BLOCK)
        self._remove = weakref.finalize(self, _unlink, self.path)

    def __fspath__(self) -> str:
        return self.path

    def __repr__(self) -> str:
        return f"SpooledInput({self.display_name!r})"


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass


def is_one_time(value: object) -> bool:
    """Whether an input path names standard input, a pipe or a device: something readable only once."""
    if isinstance(value, SpooledInput) or not isinstance(value, (str, os.PathLike)):
        return False
    name = os.fspath(value)
    if name == STDIN:
        return True
    try:
        mode = os.stat(name).st_mode
    except OSError:
        return False
    return stat.S_ISFIFO(mode) or stat.S_ISCHR(mode) or stat.S_ISSOCK(mode)


def spool(value: str | os.PathLike[str]) -> SpooledInput:
    """Copy a one-time input (see :func:`is_one_time`) to a temporary file."""
    name = os.fspath(value)
    if name == STDIN:
        return SpooledInput("<stdin>", sys.stdin.buffer)
    with open(Path(name), "rb") as stream:
        return SpooledInput(name, stream)


def spool_one_time_inputs(inputs: Sequence[object]) -> list[object]:
    """The inputs with every one-time input spooled; other paths and file objects as they are."""
    return [spool(item) if is_one_time(item) else item for item in inputs]  # type: ignore[arg-type]
