"""Where each media file goes in the output, per preset, and how a post refers to it.

Files keep their upload path (``2008/06/a.jpg`` and ``2013/03/a.jpg`` never
collide) under the preset's media folder; Hugo puts a file used by one post
in that post's page bundle, beside its ``index.md``. Every name is made safe
(no ``..``, no absolute path, no control characters, at most 255 bytes a
component, NFC) and every path is checked to stay inside the output folder,
whatever the URL said (``..%2F``, ``%2e%2e/``, ``/../``).
"""

from __future__ import annotations

import os
import posixpath
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from ..errors import WxrToolsError
from .graph import MediaRecord


class UnsafeMediaPathError(WxrToolsError):
    """A media path would leave the output folder; nothing is written there."""


@dataclass(frozen=True)
class MediaLayout:
    """One target's media folder and the URL it is served at."""

    folder: str
    """Folder of the files, relative to the output folder."""
    url: str | None
    """URL prefix the site serves ``folder`` at; None to refer to files by relative path."""
    bundles: bool = False
    """Hugo: a file used by one post goes into its page bundle."""


LAYOUTS: dict[str, MediaLayout] = {
    "hugo": MediaLayout("static/uploads", "/uploads/", bundles=True),  # Hugo serves static/ at /
    "jekyll": MediaLayout("assets/uploads", "/assets/uploads/"),  # Jekyll copies folders without _
    "eleventy": MediaLayout("public/uploads", "/uploads/"),  # the base blog passes public/ through to /
    "astro": MediaLayout("public/uploads", "/uploads/"),  # Astro serves public/ at /
    "plain": MediaLayout("media", None),
    "data": MediaLayout("", None),  # JSON and SQL: the files straight in <output>-media/
}
"""Media layout by Markdown preset (``data`` for JSON and SQL output)."""

EXTERNAL = "_external"
"""Sub-folder for files of other sites (``--media-hosts all``), by host."""

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"|?*\\]')
MAX_COMPONENT_BYTES = 255


def _safe_component(part: str) -> str:
    part = unicodedata.normalize("NFC", _UNSAFE.sub("_", part)).strip().rstrip(".")
    if len(part.encode("utf-8")) <= MAX_COMPONENT_BYTES:
        return part
    stem, dot, extension = part.rpartition(".")
    if not dot or len(extension) > 16:
        stem, extension = part, ""
    suffix = f".{extension}" if extension else ""
    room = MAX_COMPONENT_BYTES - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", "ignore") + suffix


def safe_path(path: str) -> str:
    """``path`` as a relative ``/``-separated path with only safe components (empty if none remain)."""
    parts = re.split(r"[/\\]+", path)
    safe = (_safe_component(p) for p in parts if p not in ("", ".", ".."))
    return "/".join(p for p in safe if p and p not in (".", ".."))


def inside(root: str | os.PathLike[str], relative: str) -> str:
    """The absolute path of ``relative`` under ``root``; raises if it would resolve outside."""
    base = os.path.realpath(root)
    target = os.path.realpath(os.path.join(base, relative))
    if relative.startswith(("/", "\\")) or os.path.commonpath([base, target]) != base:
        raise UnsafeMediaPathError(f"media path {relative!r} leads outside the output folder {root}")
    return target


@dataclass(frozen=True, slots=True)
class Place:
    """Where one file is written, relative to the output folder, and whose bundle holds it."""

    path: str
    bundle_of: str | None = None
    """The Markdown file (relative path) whose bundle holds it; None for a shared file."""


def _with_number(path: str, n: int) -> str:
    folder, _, name = path.rpartition("/")
    stem, dot, extension = name.rpartition(".")
    name = f"{stem}-{n}.{extension}" if dot and stem else f"{name}-{n}"
    return f"{folder}/{name}" if folder else name


def plan_places(records: Iterable[MediaRecord], layout: MediaLayout,
                post_file: Callable[[int], str | None] = lambda _: None) -> dict[str, Place]:
    """A unique, safe place for every record (in key order, so every run gives the same places).

    ``post_file`` gives a written post's Markdown file (``content/posts/a/index.md``),
    for Hugo's bundles; None for a post not written.
    """
    places: dict[str, Place] = {}
    taken: set[str] = set()
    for record in sorted(records, key=lambda r: r.key):
        relative = safe_path(record.upload_path) or "file"
        if not record.own:
            relative = f"{EXTERNAL}/{relative}"
        owner = None
        users = record.users
        if layout.bundles and len(users) == 1:
            owner = post_file(next(iter(users)))
        if owner is not None and posixpath.basename(owner) in ("index.md", "_index.md"):
            bundle = posixpath.dirname(owner)
            name = posixpath.basename(relative)
            candidate = f"{bundle}/{name}" if bundle else name
            if candidate.lower() in taken:
                candidate = f"{bundle}/{relative}" if bundle else relative
            place_of = owner
        else:
            candidate = f"{layout.folder}/{relative}" if layout.folder else relative
            place_of = None
        path, n = candidate, 1
        while path.lower() in taken:  # two names made the same by cleaning (or by case, on some disks)
            n += 1
            path = _with_number(candidate, n)
        taken.add(path.lower())
        places[record.key] = Place(path, place_of)
    return places


def reference(place: Place, layout: MediaLayout, post_file: str | None) -> str:
    """How the post written to ``post_file`` refers to a file at ``place`` (an URL or a relative path)."""
    if place.bundle_of is not None and place.bundle_of == post_file:
        return posixpath.relpath(place.path, posixpath.dirname(post_file))
    if layout.url is not None and layout.folder and place.path.startswith(layout.folder + "/"):
        return layout.url + place.path[len(layout.folder) + 1:]
    return posixpath.relpath(place.path, posixpath.dirname(post_file) if post_file else ".")


__all__ = ["EXTERNAL", "LAYOUTS", "MediaLayout", "Place", "UnsafeMediaPathError", "inside", "plan_places",
           "reference", "safe_path"]
