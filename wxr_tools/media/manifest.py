"""The media files an output folder already holds: what makes a rerun resumable.

For each file written, its place, the URL it came from, its size and its
SHA-256; a rerun reuses a file whose record still matches what is on disk
and asks the network (or the backup) only for the rest.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from .copy import file_digest


class MediaManifest:
    """``place -> {"url", "size", "sha256"}`` for the media files in an output folder."""

    def __init__(self, entries: Mapping[str, Mapping[str, Any]] | None = None) -> None:
        self.entries: dict[str, dict[str, Any]] = {}
        for place, entry in (entries or {}).items():
            if isinstance(entry, Mapping) and isinstance(entry.get("url"), str) \
                    and isinstance(entry.get("size"), int) and isinstance(entry.get("sha256"), str):
                self.entries[place] = {"url": entry["url"], "size": entry["size"], "sha256": entry["sha256"]}

    def holds(self, place: str, url: str, path: str) -> bool:
        """Whether ``path`` (the file at ``place``) is the file of ``url`` written before, unchanged."""
        entry = self.entries.get(place)
        if entry is None or entry["url"] != url:
            return False
        try:
            if os.path.getsize(path) != entry["size"]:
                return False
            return file_digest(path) == (entry["size"], entry["sha256"])
        except OSError:
            return False

    def record(self, place: str, url: str, size: int, sha256: str) -> None:
        self.entries[place] = {"url": url, "size": size, "sha256": sha256}

    def forget(self, place: str) -> None:
        self.entries.pop(place, None)

    def to_dict(self) -> dict[str, dict[str, Any]]:
        """The entries, sorted by place, for the output's manifest file."""
        return dict(sorted(self.entries.items()))


__all__ = ["MediaManifest"]
