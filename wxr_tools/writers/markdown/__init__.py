"""Markdown for static site generators: Hugo, Jekyll, Eleventy, Astro, or plain folders."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ...source import Source
from .presets import PRESETS
from .report import MarkdownReport
from .writer import MarkdownOptions, MarkdownOptionsError, write_markdown


def markdown_writer(source: Source, out: str | os.PathLike[str], **options: Any) -> dict[str, Any]:
    """``convert``'s writer for ``--to markdown``: options are :class:`MarkdownOptions` fields.

    Sequences may come as lists or comma-separated strings (``post_types``,
    ``redirects``); returns the counts for the summary table.
    """
    for name in ("post_types", "redirects"):
        value = options.get(name)
        if isinstance(value, str):
            options[name] = tuple(v.strip() for v in value.split(",") if v.strip())
        elif value is not None:
            options[name] = tuple(value)
    return write_markdown(source, Path(out), MarkdownOptions(**options)).summary()


__all__ = ["PRESETS", "MarkdownOptions", "MarkdownOptionsError", "MarkdownReport", "markdown_writer",
           "write_markdown"]
