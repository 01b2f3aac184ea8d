"""The media files an output folder already holds: what makes a rerun resumable.

For each file written, its place, the URL it came from, its size and its
SHA-256; a rerun reuses a file whose record still matches what is on disk
and asks the network (or the backup) only for the rest.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from typing import Any

from .atomic import AtomicFile
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




def read_manifest(path: str | os.PathLike[str]) -> MediaManifest:
    """The media entries of an output's manifest file; empty when there is none (or it is unreadable)."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        return MediaManifest()
    media = data.get("media") if isinstance(data, dict) else None
    return MediaManifest(media if isinstance(media, dict) else None)


def write_manifest(path: str | os.PathLike[str], manifest: MediaManifest) -> None:
    """Store the media entries in the manifest file, keeping what else it holds; written whole or not at all."""
    try:
        with open(path, encoding="utf-8") as stream:
            data = json.load(stream)
    except (OSError, ValueError):
        data = {}
    if not isinstance(data, dict):
        data = {}
    data["media"] = manifest.to_dict()
    with AtomicFile(os.fspath(path)) as out:
        out.write((json.dumps(data, indent=1, ensure_ascii=False) + "\n").encode("utf-8"))


__all__ = ["MediaManifest", "read_manifest", "write_manifest"]
