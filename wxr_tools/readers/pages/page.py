"""One parsed page and the site-wide signals in its head: body classes, meta, JSON-LD."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cached_property

from lxml.html import HtmlElement

from .dom import classes, clean_text, with_class

_NUMBERED = re.compile(r"^(postid|page-id|attachmentid)-(\d{1,18})(?!\d)$")


@dataclass
class Page:
    """A parsed HTML page with the signals every extractor needs."""

    file: str
    root: HtmlElement
    body_classes: list[str] = field(default_factory=list)

    @classmethod
    def from_root(cls, file: str, root: HtmlElement) -> Page:
        body = root.find(".//body")
        mark_post_holders(root)
        return cls(file=file, root=root, body_classes=classes(body) if body is not None else [])

    @cached_property
    def meta(self) -> dict[str, str]:
        """``<meta>`` values by lower-cased ``property`` or ``name`` (first one wins)."""
        values: dict[str, str] = {}
        for element in self.root.iter("meta"):
            key = (element.get("property") or element.get("name") or "").strip().lower()
            content = element.get("content")
            if key and content is not None and key not in values:
                values[key] = content.strip()
        return values

    @cached_property
    def links(self) -> dict[str, list[str]]:
        """``<link>`` hrefs by each ``rel`` token, plus ``alternate:<type>``."""
        values: dict[str, list[str]] = {}
        for element in self.root.iter("link"):
            href = element.get("href")
            if not href:
                continue
            for rel in (element.get("rel") or "").lower().split():
                values.setdefault(rel, []).append(href)
                if rel == "alternate" and element.get("type"):
                    values.setdefault(f"alternate:{element.get('type').lower()}", []).append(href)
        return values

    @cached_property
    def jsonld(self) -> list[dict]:
        """Every JSON-LD node on the page, ``@graph`` flattened."""
        nodes: list[dict] = []
        for script in self.root.iter("script"):
            if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
                continue
            try:
                data = json.loads(script.text.strip().rstrip(";"))
            except (ValueError, RecursionError):  # not JSON, or nested deeper than the decoder goes
                continue
            _flatten(data, nodes)
        return nodes

    def jsonld_of_type(self, *types: str) -> list[dict]:
        """JSON-LD nodes whose ``@type`` is one of ``types``."""
        wanted = set(types)
        found = []
        for node in self.jsonld:
            kind = node.get("@type")
            kinds = set(kind) if isinstance(kind, list) else {kind}
            if kinds & wanted:
                found.append(node)
        return found

    def jsonld_by_id(self, ident: str) -> dict | None:
        """The JSON-LD node with the given ``@id``."""
        for node in self.jsonld:
            if node.get("@id") == ident:
                return node
        return None

    @cached_property
    def url(self) -> str:
        """The page's own URL: canonical link, then ``og:url``."""
        for candidate in (self.links.get("canonical") or []) + [self.meta.get("og:url", "")]:
            if candidate:
                return candidate.strip()
        return ""

    @cached_property
    def numbered_id(self) -> tuple[str, int] | None:
        """``('postid'|'page-id'|'attachmentid', N)`` from the body classes."""
        for token in self.body_classes:
            match = _NUMBERED.match(token)
            if match:
                return match.group(1), int(match.group(2))
        return None

    @cached_property
    def kind(self) -> str:
        """What the page shows: ``single``, ``category``, ``tag``, ``taxonomy``, ``author``,
        ``date``, ``home``, ``search``, ``404``, ``archive`` or ``unknown``."""
        tokens = set(self.body_classes)
        if "error404" in tokens:
            return "404"
        if self.numbered_id or tokens & {"single", "page", "attachment", "singular"}:
            return "single"
        if "search" in tokens:
            return "search"
        for name in ("category", "tag", "author", "date"):
            if name in tokens:
                return name
        if any(token.startswith("tax-") for token in tokens):
            return "taxonomy"
        if tokens & {"home", "blog"}:
            return "home"
        if "archive" in tokens:
            return "archive"
        return "unknown"

    @cached_property
    def paged(self) -> int:
        """Which page of a ``<!--nextpage-->`` post this is (1 when not split)."""
        for token in self.body_classes:
            match = re.match(r"^(?:single|page)-paged-(\d{1,18})(?!\d)$", token)
            if match:
                return int(match.group(1))
        return 1

    @cached_property
    def post_headers(self) -> list[HtmlElement]:
        """Entry headers and meta lines anywhere on the page (Twenty Nineteen prints the post's
        header in the masthead, outside the post element)."""
        return with_class(self.root, "entry-header", "entry-meta")

    @cached_property
    def home_url(self) -> str:
        """The site's home URL, from the first ``rel=home`` link."""
        for anchor in self.root.iter("a"):
            if "home" in (anchor.get("rel") or "").split() and anchor.get("href", "").startswith("http"):
                return anchor.get("href", "")
        return ""

    @cached_property
    def site_name(self) -> str:
        """The site's name, from ``og:site_name`` or a ``rel=home`` link."""
        if self.meta.get("og:site_name"):
            return clean_text(self.meta["og:site_name"])
        for anchor in self.root.iter("a"):
            if "home" in (anchor.get("rel") or "").split():
                text = clean_text(anchor.text_content())
                if text:
                    return text
        return ""


HOLDER = "data-wxr-post-holder"
"""Attribute marking elements that contain the post's title or content, so that no zone test
(a theme calling its main column ``#sidebar``, a parser nesting the page in a widget) hides them."""


def mark_post_holders(root: HtmlElement) -> None:
    """Mark every ancestor of the first ``h1`` entry title and the first entry content with :data:`HOLDER`."""
    anchors = []
    for found in (with_class(root, "entry-title", tag="h1"),
                  with_class(root, "entry-content", "wp-block-post-content") + root.xpath("//*[@itemprop='articleBody']")):
        first = next((e for e in found if not _in_comment_or_loop(e)), None)
        if first is not None:
            anchors.append(first)
    for anchor in anchors:
        for parent in anchor.iterancestors():
            if parent.get(HOLDER):
                break
            parent.set(HOLDER, "1")


def _in_comment_or_loop(element: HtmlElement) -> bool:
    """Whether an element is (inside) a comment or an item of a query loop."""
    for candidate in (element, *element.iterancestors()):
        ident = candidate.get("id") or ""
        tokens = (candidate.get("class") or "").split()
        if ident.startswith(("comment-", "li-comment-")) or "comment" in tokens or "wp-block-post" in tokens \
                or (candidate is element and any("comment" in token for token in tokens)):
            return True
    return False


def _flatten(data: object, nodes: list[dict]) -> None:
    if isinstance(data, list):
        for item in data:
            _flatten(item, nodes)
    elif isinstance(data, dict):
        nodes.append(data)
        if "@graph" in data:
            _flatten(data["@graph"], nodes)
