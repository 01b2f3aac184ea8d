"""Slugs and file names: readable, unique per folder, and safe on Windows, macOS and Linux."""

from __future__ import annotations

import unicodedata
from collections.abc import MutableMapping
from urllib.parse import unquote

from slugify import slugify

MAX_SLUG_BYTES = 120
"""Longest slug in UTF-8 bytes: leaves room for a date prefix and ``.comments.yaml`` under 255."""

_WINDOWS_RESERVED = frozenset(
    ["con", "prn", "aux", "nul"] + [f"com{i}" for i in range(10)] + [f"lpt{i}" for i in range(10)]
)


def decode_post_name(post_name: str) -> str:
    """``post_name`` with its percent-encoding undone; bad or cut sequences are dropped, never fatal."""
    if "%" not in post_name:
        return post_name
    return unquote(post_name, errors="replace").replace("\ufffd", "")


def _truncate(slug: str) -> str:
    """Cut a slug to :data:`MAX_SLUG_BYTES` on a character boundary, without a trailing hyphen."""
    if len(slug.encode("utf-8")) <= MAX_SLUG_BYTES:
        return slug
    cut = slug.encode("utf-8")[:MAX_SLUG_BYTES].decode("utf-8", errors="ignore")
    return cut.rstrip("-")


def make_slug(post_name: str, title: str, *, transliterate: bool = False, fallback: str = "untitled") -> str:
    """The slug a file and URL are named by.

    From the decoded ``post_name``, or the title when it is empty (drafts),
    or ``fallback`` when neither gives any letter. Non-ASCII letters are
    kept unless ``transliterate`` (then ``日本`` becomes ``ri-ben``).
    """
    for text in (decode_post_name(post_name).removesuffix("__trashed"), title):
        slug = slugify(text, allow_unicode=not transliterate)
        slug = unicodedata.normalize("NFC", slug).strip("-_.")
        if slug:
            break
    else:
        slug = fallback
    slug = _truncate(slug)
    if slug.lower() in _WINDOWS_RESERVED:
        slug += "-1"
    return slug


_UNSAFE_IN_NAMES = frozenset('/\\<>:"|?*%') | {chr(i) for i in range(32)} | {"\x7f"}


def path_segment(slug: str, fallback: str) -> str:
    """A WordPress slug as one folder or file name: kept as it is when every file system takes it
    (``日本``, ``emoji-🎉``), else made a slug (:func:`make_slug`) so it can never leave its folder."""
    decoded = unicodedata.normalize("NFC", decode_post_name(slug))
    if (decoded and decoded == decoded.strip(" .") and not _UNSAFE_IN_NAMES & set(decoded)
            and len(decoded.encode("utf-8")) <= MAX_SLUG_BYTES and decoded.lower() not in _WINDOWS_RESERVED
            and decoded.split(".")[0].lower() not in _WINDOWS_RESERVED):
        return decoded
    return make_slug(slug, "", fallback=fallback)


class UniqueNames:
    """Hands out names unique per folder, case-insensitively, the way WordPress does (``-2``, ``-3``).

    ``taken`` holds the names given so far; pass a disk-backed mapping to keep
    memory flat on big exports.
    """

    def __init__(self, taken: MutableMapping[str, str] | None = None) -> None:
        self._taken: MutableMapping[str, str] = {} if taken is None else taken

    @staticmethod
    def _key(folder: str, name: str) -> str:
        return f"{folder.casefold()}\0{name.casefold()}"

    def reserve(self, folder: str, name: str) -> None:
        """Mark a name as taken in a folder (e.g. the posts folder among pages)."""
        self._taken[self._key(folder, name)] = ""

    def take(self, folder: str, name: str) -> bool:
        """Claim exactly ``name`` in ``folder``; False (and nothing claimed) when it is taken."""
        key = self._key(folder, name)
        if key in self._taken:
            return False
        self._taken[key] = ""
        return True

    def is_taken(self, folder: str, name: str) -> bool:
        """Whether ``name`` is taken in ``folder``."""
        return self._key(folder, name) in self._taken

    def claim(self, folder: str, name: str) -> str:
        """``name``, or ``name-2``, ``name-3``... if another file in ``folder`` has it.

        The last number given for a name is remembered, so a thousand drafts
        called the same cost a thousand look-ups, not half a million.
        """
        key = self._key(folder, name)
        counter = "\x01" + key
        number = int(self._taken.get(counter) or 1)
        candidate = name if number == 1 else f"{name}-{number}"
        while self._key(folder, candidate) in self._taken:
            number += 1
            candidate = f"{name}-{number}"
        self._taken[self._key(folder, candidate)] = ""
        self._taken[counter] = str(number)
        return candidate
