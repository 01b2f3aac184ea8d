"""``--media copy --media-from DIR``: files taken from a backup of ``wp-content/uploads``, no network.

Each file is found by its upload path (``2013/03/a.jpg``) under the folder
given, or under its ``uploads`` or ``wp-content/uploads`` sub-folder, so the
backup may be named at any of those levels. Nothing is read outside it.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from .atomic import AtomicFile
from .places import UnsafeMediaPathError, inside, safe_path

CHUNK = 1 << 20
_ROOTS = ("", "uploads", "wp-content/uploads")


class UploadsBackup:
    """A local copy of the site's uploads folder."""

    def __init__(self, folder: str | os.PathLike[str]) -> None:
        self.folder = Path(folder)

    def find(self, upload_path: str) -> str | None:
        """The backup's file for an upload path; None when the backup lacks it."""
        relative = safe_path(upload_path)
        if not relative:
            return None
        for root in _ROOTS:
            try:
                candidate = inside(self.folder, f"{root}/{relative}" if root else relative)
            except UnsafeMediaPathError:  # a link in the backup leading out of it
                continue
            if os.path.isfile(candidate):
                return candidate
        return None


def copy_file(source: str, dest: str) -> tuple[int, str]:
    """Copy ``source`` to ``dest`` whole or not at all; returns size and SHA-256."""
    with AtomicFile(dest) as out, open(source, "rb") as stream:
        while chunk := stream.read(CHUNK):
            out.write(chunk)
    return out.size, out.sha256


def file_digest(path: str) -> tuple[int, str]:
    """Size and SHA-256 of a file (to tell whether a file already in the output is the one recorded)."""
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as stream:
        while chunk := stream.read(CHUNK):
            size += len(chunk)
            digest.update(chunk)
    return size, digest.hexdigest()


__all__ = ["UploadsBackup", "copy_file", "file_digest"]
