"""Which export files belong together: the parts of one site are merged, other files never are.

A split export (``site.000.xml``, ``site.001.xml``...) or several files
exported from the same site (the same ``wp:base_site_url``) make one site.
Files from different sites are refused: merged, they would give one site
with the wrong name and colliding post ids.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from ...errors import WxrToolsError

SPLIT_PART = re.compile(r"\.(\d{3,})\.xml(?:\.gz)?$", re.IGNORECASE)
"""A part of a split export: ``site.000.xml``, ``site.001.xml.gz``."""


@dataclass(frozen=True)
class ExportFile:
    """One file of the inputs, with the site it says it was exported from."""

    name: str
    site_url: str


def _leaf(name: str) -> str:
    """The file name without its folder (or the zip member's name)."""
    return name.replace("\\", "/").rsplit("!", 1)[-1].rsplit("/", 1)[-1]


def split_base(name: str) -> str | None:
    """``site`` for ``path/site.000.xml``; None for a file that is not a numbered part."""
    leaf = _leaf(name)
    match = SPLIT_PART.search(leaf)
    return leaf[: match.start()] if match else None


def _site_key(url: str) -> str:
    """A site URL compared loosely: scheme, ``www.`` and a trailing slash do not matter."""
    key = re.sub(r"^[a-z]+://", "", url.strip().lower()).rstrip("/")
    return key.removeprefix("www.")


def check_one_site(files: Sequence[ExportFile]) -> None:
    """Refuse files that are not parts of one site (see the module docstring)."""
    if len(files) < 2:
        return
    bases = {split_base(f.name) for f in files}
    if len(bases) == 1 and None not in bases:
        return
    sites: dict[str, list[str]] = {}
    for file in files:
        if file.site_url:
            sites.setdefault(_site_key(file.site_url), []).append(_leaf(file.name))
    if len(sites) <= 1:
        return
    shown = "; ".join(f"{names[0]} is {url}" + (f" (and {len(names) - 1} more)" if len(names) > 1 else "")
                      for url, names in list(sites.items())[:3])
    more = f"; {len(sites) - 3} more sites" if len(sites) > 3 else ""
    raise WxrToolsError(f"the inputs are exports of {len(sites)} different sites, not parts of one: {shown}{more}",
                       hint="name the files of one site, or convert each on its own (wxr convert --each)")
