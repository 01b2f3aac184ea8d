"""Output files that are never half-written: written beside their target and renamed into place."""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from ..errors import WxrToolsError


class OutputError(WxrToolsError):
    """An output that cannot be written where it was asked for."""


def is_stdout(out: object) -> bool:
    """``-`` (or nothing) names standard output."""
    return out is None or (isinstance(out, (str, os.PathLike)) and os.fspath(out) == "-")


@contextmanager
def atomic_output(out: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary stream whose bytes replace ``out`` only when the block ends without error.

    The bytes go to a uniquely named ``.<name>.*.part`` beside ``out`` (same file
    system, so the final rename is atomic; unique, so threads writing files at
    once never share one); an error or an interruption removes it and leaves
    any previous ``out`` as it was.
    """
    path = Path(out)
    if path.is_dir():
        raise OutputError(f"{path} is a folder; this output is one file", hint=f"give a file name, e.g. {path}/site.json")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
        part = Path(name)
        stream = os.fdopen(handle, "wb")
    except OSError as error:
        raise OutputError(f"cannot write {path}: {error.strerror}", hint="choose a folder you can write to") from error
    try:
        with stream:
            yield stream
        os.replace(part, path)
    finally:
        part.unlink(missing_ok=True)


@contextmanager
def binary_output(out: str | os.PathLike[str] | IO[bytes] | None) -> Iterator[IO[bytes]]:
    """Where a writer's bytes go: a stream as given, standard output for ``-``, else an atomic file."""
    if hasattr(out, "write"):
        yield out  # type: ignore[misc]
    elif is_stdout(out):
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
    else:
        with atomic_output(out) as stream:  # type: ignore[arg-type]
            yield stream
