"""Reader for saved WordPress pages: one page or a whole mirror into the neutral model.

``read_pages(path)`` reads a file or a folder (recursively) and returns a
:class:`~wxr_tools.model.Site` with one record per post, its comments, the
terms and the author bios the pages show. See ``docs/pages.md``.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.errors import WxrReadError
from wxr_tools.model import Site
from wxr_tools.source import SiteSource

from .detect import looks_like_html
from .merge import merge_sites
from .mirror import MirrorBuilder
from .reader import read_page

_PAGE_SUFFIXES = {".html", ".htm", ".xhtml", ".php", ""}


def page_files(path: Path) -> Iterator[Path]:
    """The HTML files under ``path`` (itself if a file), in a stable order."""
    if path.is_file():
        yield path
        return
    for candidate in sorted(path.rglob("*")):
        if not candidate.is_file():
            continue
        suffix = candidate.suffix.lower()
        if suffix in _PAGE_SUFFIXES or "?" in candidate.name or suffix.startswith((".html", ".htm")):
            if looks_like_html(candidate):
                yield candidate


def read_pages(path: str | Path, log: DiagnosticLog | None = None) -> Site:
    """Read one saved page or a folder of them into a site; problems go to ``log``."""
    path = Path(path)
    if not path.exists():
        raise WxrReadError("no such file or folder", file=str(path),
                           hint="give a saved .html page or a folder of them")
    log = log if log is not None else DiagnosticLog()
    builder = MirrorBuilder(log)
    count = 0
    for file in page_files(path):
        record = read_page(file, log, known=builder.fully_known)
        if record is not None:
            builder.add(record)
            count += 1
    if count == 0:
        raise WxrReadError("no HTML pages found", file=str(path),
                           hint="the folder should hold saved WordPress pages (.html)")
    return builder.build()


def open_pages(path: str | Path) -> SiteSource:
    """Read pages as a :class:`~wxr_tools.source.Source` carrying its diagnostics, for writers."""
    log = DiagnosticLog()
    site = read_pages(path, log)
    return SiteSource(site, list(log))


__all__ = ["looks_like_html", "merge_sites", "open_pages", "page_files", "read_pages"]
