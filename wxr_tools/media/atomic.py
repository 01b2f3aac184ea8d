"""A file written whole or not at all: a temporary name beside it, renamed into place at the end."""

from __future__ import annotations

import hashlib
import os
import tempfile
from types import TracebackType


class AtomicFile:
    """Write a file through a temporary one, counting its bytes and hashing them (SHA-256).

    ``with AtomicFile(dest) as out: out.write(chunk)`` renames the file into
    place when the block ends normally; on an exception the temporary file is
    removed and ``dest`` is untouched, so no partial file is ever left behind.
    """

    def __init__(self, dest: str) -> None:
        self.dest = dest
        self.size = 0
        self._digest = hashlib.sha256()
        folder = os.path.dirname(dest)
        os.makedirs(folder, exist_ok=True)
        handle, self._temporary = tempfile.mkstemp(prefix=".wxr-", suffix=".part", dir=folder)
        self._stream = os.fdopen(handle, "wb")

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
        self._stream.close()
        if kind is None:
            os.replace(self._temporary, self.dest)
        else:
            os.unlink(self._temporary)
