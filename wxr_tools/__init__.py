"""wxr-tools: get a WordPress site's content out of WordPress whole.

Read a WXR export (or saved pages) into one neutral model, then write
Markdown, JSON or SQL.
"""

from __future__ import annotations

__version__ = "0.1.0"
"""Defined before the imports below: the writers stamp it into their output."""

from .diagnostics import Diagnostic
from .errors import UnknownFormatError, WxrDataLossError, WxrReadError, WxrToolsError
from .model import Author, Comment, Meta, Post, Site, SiteInfo, Term, TermRef
from .readers.pages import merge_sites, read_pages
from .readers.wxr import WxrExport, open_wxr, read_wxr
from .transforms import parse_blocks, wpautop
from .writers.json import to_json


__all__ = [
    "Author", "Comment", "Diagnostic", "Meta", "Post", "Site", "SiteInfo", "Term", "TermRef",
    "UnknownFormatError", "WxrDataLossError", "WxrExport", "WxrReadError", "WxrToolsError", "merge_sites",
    "open_wxr", "parse_blocks", "read_pages", "read_wxr", "to_json", "wpautop",
    "__version__",
]
