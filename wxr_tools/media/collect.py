"""Bringing a site's media files into the output: ``--media keep|download|copy``.

``keep`` leaves every file on the old site (and says how many); ``download``
fetches the site's own files (see :mod:`.download`); ``copy`` takes them from
a backup of ``wp-content/uploads`` (see :mod:`.copy`). Either way a file the
output already holds, as its manifest records, is reused; a file that fails
is reported, keeps its remote URL in the output, and never stops the run.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from ..diagnostics import Diagnostic
from ..errors import WxrToolsError
from ..writers.files import OutputError
from .copy import UploadsBackup, copy_file
from .download import DownloadOptions, Downloader, FetchJob, download_all
from .graph import MediaGraph, MediaRecord
from .manifest import MediaManifest
from .places import Place, UnsafeMediaPathError, inside

MODES = ("keep", "download", "copy")
DEFAULT_MAX_SIZE = 100 * 1024 * 1024


class MediaOptionsError(WxrToolsError):
    """A ``--media`` option with a value that cannot work."""


@dataclass(frozen=True)
class MediaOptions:
    """What to do with media files (the ``--media*`` options)."""

    mode: str = "keep"
    """``keep`` (files stay on the old site), ``download`` or ``copy``."""
    source: str | None = None
    """``--media-from``: the uploads backup ``copy`` reads."""
    timeout: float = 30.0
    max_size: int = DEFAULT_MAX_SIZE
    hosts: tuple[str, ...] = ()
    """``--media-hosts``: more hosts whose files are the site's; ``all`` for every host."""
    progress: Callable[[int, int], None] | None = field(default=None, compare=False)
    """Called with (files done, files to do) as files come in."""

    def __post_init__(self) -> None:
        if self.mode not in MODES:
            raise MediaOptionsError(f"--media must be one of {', '.join(MODES)}, not {self.mode!r}")
        if self.mode == "copy" and not self.source:
            raise MediaOptionsError("--media copy needs --media-from DIR",
                                    hint="name the wp-content/uploads folder of a backup of the site")
        if self.source and self.mode != "copy":
            raise MediaOptionsError("--media-from goes with --media copy")
        if self.mode == "copy" and not os.path.isdir(self.source or ""):
            raise MediaOptionsError(f"--media-from {self.source!r} is not a folder",
                                    hint="name the wp-content/uploads folder of a backup of the site")
        if not self.timeout > 0:
            raise MediaOptionsError(f"--media-timeout must be more than 0 seconds, not {self.timeout}")
        if self.max_size <= 0:
            raise MediaOptionsError(f"--media-max-size must be more than 0 bytes, not {self.max_size}")


@dataclass
class MediaResult:
    """What became of every file: where the local ones are, what was fetched, reused or failed."""

    mode: str
    local: dict[str, Place] = field(default_factory=dict)
    """Key -> place of every file now in the output."""
    downloaded: int = 0
    copied: int = 0
    reused: int = 0
    failed: list[dict[str, Any]] = field(default_factory=list)
    remote: int = 0
    """Files still loaded from elsewhere (the old site or another), failures included."""
    old_site: int = 0
    """Of those, the site's own files: what stops loading the day the old site goes dark."""
    requests: int = 0
    """HTTP requests sent."""

    def report(self) -> dict[str, Any]:
        """The ``"media"`` block of ``report.json``."""
        return {"mode": self.mode, "downloaded": self.downloaded, "copied": self.copied, "reused": self.reused,
                "remote": self.remote, "failed": sorted(self.failed, key=lambda f: f["url"])}

    def summary(self) -> dict[str, int]:
        """Counts for the terminal summary."""
        return {"downloaded": self.downloaded, "copied": self.copied, "reused": self.reused,
                "failed": len(self.failed), "still remote": self.remote}

    def diagnostics(self) -> list[Diagnostic]:
        """One ``MEDIA100`` warning per file that did not come along (the run goes on; its URL stays)."""
        return [Diagnostic(code="MEDIA100", severity="warning", file=f["url"],
                           message=f"media file not brought along: {f['reason']}", action="kept its remote URL")
                for f in sorted(self.failed, key=lambda f: f["url"])]

    def remote_line(self) -> str | None:
        """With ``--media keep``: how many files still load from the old site, and how to bring them."""
        if self.mode != "keep" or not self.old_site:
            return None
        files = "file still loads" if self.old_site == 1 else "files still load"
        return (f"{self.old_site:,} media {files} from the old site; --media download "
                "(or --media copy --media-from DIR) brings them along")


_UNITS = {"": 1, "B": 1, "K": 1024, "KB": 1024, "KIB": 1024, "M": 1024 ** 2, "MB": 1024 ** 2, "MIB": 1024 ** 2,
          "G": 1024 ** 3, "GB": 1024 ** 3, "GIB": 1024 ** 3}


def parse_size(text: str | int) -> int:
    """A size as typed: ``100MB``, ``512K``, ``2G`` or bytes (units of 1,024)."""
    if isinstance(text, int):
        return text
    match = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*", text)
    unit = match.group(2).upper() if match else ""
    if match is None or unit not in _UNITS:
        raise MediaOptionsError(f"--media-max-size {text!r} is not a size", hint="e.g. 100MB, 512K, 2G or bytes")
    return int(float(match.group(1)) * _UNITS[unit])


def _wanted(graph: MediaGraph, mode: str, places: dict[str, Place], manifest: MediaManifest) -> list[MediaRecord]:
    """The files to bring along: the site's own (every host's with ``--media-hosts all``); with ``keep``,
    only those an earlier run brought (kept, never fetched: a rerun without ``--media`` loses nothing)."""
    records = (r for r in graph.records.values() if r.own)
    if mode == "keep":
        records = (r for r in records if r.key in places and places[r.key].path in manifest.entries)
    elif mode == "copy":
        records = (r for r in records if not r.key.startswith("url:"))
    return sorted(records, key=lambda r: r.key)


def bring_media(graph: MediaGraph, places: dict[str, Place], out_dir: str | os.PathLike[str],
                options: MediaOptions, manifest: MediaManifest,
                previous: str | os.PathLike[str] | None = None) -> MediaResult:
    """Download or copy the files ``options`` ask for into ``out_dir``, reusing what ``manifest`` holds.

    ``previous`` is the folder of the run ``manifest`` describes, when files are
    staged elsewhere (``out_dir``) and moved in at the end: a file reused from
    there is linked (or copied) into ``out_dir``. ``manifest`` is updated in
    place with every file now held.
    """
    result = MediaResult(options.mode)
    wanted = _wanted(graph, options.mode, places, manifest)
    to_fetch: list[tuple[MediaRecord, str]] = []
    for record in wanted:
        place = places[record.key]
        try:
            dest = inside(out_dir, place.path)
        except UnsafeMediaPathError as error:
            _fail(result, record, str(error))
            continue
        if _reuse(manifest, place.path, record.url, dest, previous):
            result.reused += 1
            result.local[record.key] = place
        elif options.mode != "keep":
            to_fetch.append((record, dest))
    done, total = 0, len(to_fetch)
    for record, outcome in _fetch(to_fetch, options, result):
        done += 1
        if options.progress is not None:
            options.progress(done, total)
        if isinstance(outcome, str):
            _fail(result, record, outcome)
            continue
        size, digest = outcome
        place = places[record.key]
        manifest.record(place.path, record.url, size, digest)
        result.local[record.key] = place
        if options.mode == "copy":
            result.copied += 1
        else:
            result.downloaded += 1
    held = {place.path for place in result.local.values()}
    for place_path in [p for p in manifest.entries if p not in held]:
        manifest.forget(place_path)  # no longer this site's file here: the manifest lists what the output holds
    result.remote = sum(1 for key in graph.records if key not in result.local)
    result.old_site = sum(1 for key, record in graph.records.items() if record.own and key not in result.local)
    return result


def _reuse(manifest: MediaManifest, place: str, url: str, dest: str, previous: str | os.PathLike[str] | None) -> bool:
    """Whether the file of ``url`` at ``place`` from an earlier run is there unchanged (and now at ``dest``)."""
    if previous is None:
        return manifest.holds(place, url, dest)
    try:
        held = inside(previous, place)
    except UnsafeMediaPathError:
        return False
    if not manifest.holds(place, url, held):
        return False
    os.makedirs(os.path.dirname(dest), exist_ok=True)
    try:
        os.link(held, dest)  # the same file system: the output is staged beside its folder
    except OSError:
        copy_file(held, dest)
    return True


def _fail(result: MediaResult, record: MediaRecord, reason: str) -> None:
    result.failed.append({"url": record.url, "reason": reason, "posts": sorted(record.users)})


def _fetch(items: list[tuple[MediaRecord, str]], options: MediaOptions, result: MediaResult
           ) -> Iterator[tuple[MediaRecord, str | tuple[int, str]]]:
    """Each record with its outcome: (size, SHA-256) or why it failed; HTTP requests counted in ``result``."""
    if options.mode == "copy":
        backup = UploadsBackup(options.source or "")
        for record, dest in items:
            found = backup.find(record.upload_path)
            if found is None:
                yield record, f"not in the uploads backup {options.source}"
                continue
            try:
                size, digest = copy_file(found, dest)
            except OutputError as error:  # no room to make the file in the output folder
                yield record, f"could not copy {found}: {error}"
                continue
            except OSError as error:
                yield record, f"could not copy {found}: {error.strerror or error}"
                continue
            yield record, (size, digest)
        return
    if not items:
        return  # no client to make (an HTTP client's TLS context alone costs tens of milliseconds)
    by_key = {record.key: record for record, _ in items}
    download = DownloadOptions(timeout=options.timeout, max_size=options.max_size)
    with Downloader(download) as downloader:
        jobs: Iterable[FetchJob] = (FetchJob(r.key, r.url, dest, r.kind) for r, dest in items)
        for outcome in download_all(downloader, jobs):
            record = by_key[outcome.key]
            result.requests = downloader.requests
            yield record, (outcome.size, outcome.sha256) if outcome.ok else outcome.reason


__all__ = ["MODES", "MediaOptions", "MediaOptionsError", "MediaResult", "bring_media", "parse_size"]
