"""Namespace table: match WXR elements by what their namespace means, not by prefix.

Real exports bind the WordPress namespace to other prefixes (``wxr:``), use
``https://`` forms, or versions 1.0 to 1.2; hostile ones rebind ``wp:`` to
other URIs. Every element name is mapped once to a canonical ``prefix:name``.
"""

from __future__ import annotations

import re
from functools import lru_cache

KNOWN_WXR_VERSIONS = ("1.0", "1.1", "1.2")

_WP = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/$")
_WP_EXCERPT = re.compile(r"^https?://wordpress\.org/export/(\d+\.\d+)/excerpt/$")
_FIXED = {
    "http://purl.org/rss/1.0/modules/content/": "content",
    "http://purl.org/dc/elements/1.1/": "dc",
    "http://wellformedweb.org/CommentAPI/": "wfw",
    "http://www.w3.org/2005/Atom": "atom",
}


def namespace_prefix(uri: str) -> str | None:
    """Canonical prefix of a namespace URI, or None if it is not one WXR uses."""
    uri_norm = uri.strip()
    if _WP.match(uri_norm):
        return "wp"
    if _WP_EXCERPT.match(uri_norm):
        return "excerpt"
    fixed = _FIXED.get(uri_norm) or _FIXED.get(uri_norm.replace("https://", "http://", 1))
    return fixed


def wxr_namespace_version(uri: str) -> str | None:
    """The WXR version a WordPress export namespace URI names (``1.2``), else None."""
    match = _WP.match(uri.strip())
    return match.group(1) if match else None


@lru_cache(maxsize=4096)
def canonical(tag: str) -> str:
    """``{uri}name`` as ``prefix:name`` (``wp:post_id``); unknown namespaces keep Clark notation."""
    if not isinstance(tag, str):  # comments and processing instructions
        return ""
    if tag[0] != "{":
        return tag
    uri, _, local = tag[1:].partition("}")
    prefix = namespace_prefix(uri)
    return f"{prefix}:{local}" if prefix else tag
