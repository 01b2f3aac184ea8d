"""A file written whole or not at all, counted and hashed (SHA-256) as it is written."""

from __future__ import annotations

import hashlib
from types import TracebackType

from ..writers.files import atomic_output


class AtomicFile:
    """:func:`~wxr_tools.writers.files.atomic_output` that also counts and hashes the bytes.

    ``with AtomicFile(dest) as out: out.write(chunk)`` renames the file into
    place when the block ends normally; on an exception the temporary file is
    removed and ``dest`` is untouched, so no partial file is ever left behind.
    """

    def __init__(self, dest: str) -> None:
        self.dest = dest
        self.size = 0
        self._digest = hashlib.sha256()
        self._output = atomic_output(dest)
        self._stream = self._output.__enter__()

    @property
    def sha256(self) -> str:
        return self._digest.hexdigest()

    def write(self, chunk: bytes) -> None:
        self.size += len(chunk)
        self._digest.update(chunk)
        self._stream.write(chunk)

    def __enter__(self) -> AtomicFile:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self._output.__exit__(kind, error, trace)
