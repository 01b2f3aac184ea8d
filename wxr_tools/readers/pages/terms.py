"""Categories, tags and custom taxonomy terms of a post, told apart by container, URL and classes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote

from lxml.html import HtmlElement

from wxr_tools.model import TermRef

from .authors import nicename_from_url
from .boilerplate import inside, is_author_box, is_outside_post
from .dom import ancestors, classes, clean_text, split_url, text_of
from .page import Page

_TAXONOMY_CLASS = re.compile(r"^taxonomy-([a-z0-9_-]+)$")
_TAG_CONTAINER = re.compile(r"(^|[-_])(tags?|tagged|tag-links|schlagworte|schlagwoerter|keywords|etiquetas|mots-cles)([-_]|$)",
                            re.IGNORECASE)
_CAT_CONTAINER = re.compile(r"(^|[-_])(cats?|categor\w*|kategori\w*|rubri\w*|filed)([-_]|$)", re.IGNORECASE)
_CATEGORY_BASES = {"category", "categories", "kategorie", "categoria", "categorie", "rubrique", "topics", "cat"}
_TAG_BASES = {"tag", "tags", "schlagwort", "etiqueta", "etichetta", "mot-cle"}
_POST_ID_CLASS = re.compile(r"^post-\d+$")
_SANITIZE_PERCENT = re.compile(r"%[a-fA-F0-9]{2}")
_SANITIZE_OTHER = re.compile(r"[^A-Za-z0-9_-]")


@dataclass
class TermLink:
    """A term as a post page links it."""

    taxonomy: str
    slug: str
    name: str
    parent: str | None = None
    """Parent slug, from a hierarchical term URL (``/category/a/b/``)."""


def class_slug(slug: str) -> str:
    """A term slug as ``post_class()`` prints it (WordPress's ``sanitize_html_class``)."""
    return _SANITIZE_OTHER.sub("", _SANITIZE_PERCENT.sub("", slug))


def read_terms(page: Page, scope: HtmlElement, content: HtmlElement | None,
               post_classes: list[str]) -> tuple[list[TermLink], list[TermRef]]:
    """Term links of the post, plus terms only its classes name (slug known, name not).

    Returns ``(linked, class_only)``.
    """
    class_set = set(post_classes)
    linked: list[TermLink] = []
    seen: set[tuple[str, str]] = set()
    excluded = lambda e: is_outside_post(e) or is_author_box(e)  # noqa: E731
    for anchor in scope.iter("a"):
        href = anchor.get("href")
        if not href or inside(anchor, excluded, stop=scope.getparent()):
            continue
        in_content = content is not None and _within(anchor, content)
        found = classify_link(anchor, href, class_set, scope, in_content)
        if found and (found.taxonomy, found.slug) not in seen:
            seen.add((found.taxonomy, found.slug))
            linked.append(found)
    if any(token.startswith("category-") for token in post_classes):
        linked = _agreeing_with_classes(linked, post_classes)
    class_only: list[TermRef] = []
    for token in post_classes:
        for prefix, taxonomy in (("category-", "category"), ("tag-", "post_tag")):
            if token.startswith(prefix) and len(token) > len(prefix):
                slug = token[len(prefix):]
                if slug.isdigit() and any(t.taxonomy == taxonomy and not class_slug(t.slug) for t in linked):
                    continue
                if not any(t.taxonomy == taxonomy and (class_slug(t.slug) == slug or t.slug == slug)
                           for t in linked):
                    named = _name_anywhere(page, taxonomy, slug)
                    if named is not None:
                        linked.append(named)
                    else:
                        class_only.append(TermRef(taxonomy=taxonomy, slug=slug))
    if not any(t.taxonomy == "category" for t in linked) and not any(t.taxonomy == "category" for t in class_only):
        linked.extend(_jsonld_terms(page, "articleSection", "category"))
    if not any(t.taxonomy == "post_tag" for t in linked) and not any(t.taxonomy == "post_tag" for t in class_only):
        linked.extend(_jsonld_terms(page, "keywords", "post_tag"))
        if not any(t.taxonomy == "post_tag" for t in linked):
            linked.extend(_meta_tags(page))
    return linked, class_only


def _agreeing_with_classes(linked: list[TermLink], post_classes: list[str]) -> list[TermLink]:
    """Keep the category and tag links that ``post_class()`` confirms; it lists every term of the post."""
    tokens = set(post_classes)
    kept = []
    for link in linked:
        if link.taxonomy not in ("category", "post_tag"):
            kept.append(link)
            continue
        prefix = "category-" if link.taxonomy == "category" else "tag-"
        sanitized = class_slug(link.slug)
        if (sanitized and prefix + sanitized in tokens) or (
                not sanitized and any(t.startswith(prefix) and t[len(prefix):].isdigit() for t in tokens)):
            kept.append(link)
    return kept


def _name_anywhere(page: Page, taxonomy: str, slug: str) -> TermLink | None:
    """A term only the post classes name, named by any link to its archive on the page."""
    bases = _CATEGORY_BASES if taxonomy == "category" else _TAG_BASES
    for anchor in page.root.iter("a"):
        href = anchor.get("href", "")
        if slug not in href:
            continue
        parts = split_url(href)
        segments = [s for s in parts.path.split("/") if s]
        found, parent, base = _slug_parent_base(segments, parse_qs(parts.query))
        if class_slug(found) != slug or base not in bases:
            continue
        name = clean_text(text_of(anchor))
        if name:
            return TermLink(taxonomy=taxonomy, slug=found, name=name,
                            parent=parent if taxonomy == "category" else None)
    return None


def _within(element: HtmlElement, container: HtmlElement) -> bool:
    return any(parent is container for parent in ancestors(element))


def classify_link(anchor: HtmlElement, href: str, post_classes: set[str], scope: HtmlElement,
                  in_content: bool) -> TermLink | None:
    """What taxonomy a link in the post points into, or None when it is no term link.

    A link to an author archive is a byline, never a term, even when the theme prints the byline
    inside its category line.
    """
    rel = set((anchor.get("rel") or "").lower().split())
    if nicename_from_url(href):
        return None
    parts = split_url(href)
    segments = [s for s in parts.path.split("/") if s]
    query = parse_qs(parts.query)
    slug, parent, base = _slug_parent_base(segments, query)
    if not slug:
        return None
    name = clean_text(text_of(anchor)).rstrip(",;·|").strip()  # a theme's separator inside the link
    if not name:
        return None
    container = _container_taxonomy(anchor, scope)
    by_class = _taxonomy_from_classes(slug, base, post_classes)
    if container:
        taxonomy = container
    elif by_class:
        taxonomy = by_class
    elif "category" in rel:
        taxonomy = "category"
    elif base in _CATEGORY_BASES or "cat" in query:
        taxonomy = "category"
    elif base in _TAG_BASES or "tag" in query:
        taxonomy = "post_tag"
    elif "tag" in rel:
        taxonomy = "post_tag"
    else:
        return None
    if in_content and not container and not rel & {"tag", "category"}:
        return None
    return TermLink(taxonomy=taxonomy, slug=slug, name=name,
                    parent=parent if taxonomy == "category" else None)


def _slug_parent_base(segments: list[str], query: dict[str, list[str]]) -> tuple[str, str | None, str]:
    if "cat" in query and not segments:
        return query["cat"][0], None, "cat"
    if "tag" in query and not segments:
        return query["tag"][0], None, "tag"
    if len(segments) < 2:
        return "", None, ""
    if segments[-2] == "page" and segments[-1].isdigit():
        segments = segments[:-2]
    if len(segments) < 2:
        return "", None, ""
    bases = _CATEGORY_BASES | _TAG_BASES
    base_index = next((i for i, s in enumerate(segments[:-1]) if unquote(s).lower() in bases), 0)
    base = unquote(segments[base_index]).lower()
    slug = segments[-1].lower()
    parent = segments[-2].lower() if len(segments) - base_index > 2 else None
    return slug, parent, base


def _container_taxonomy(anchor: HtmlElement, scope: HtmlElement) -> str | None:
    for element in [anchor, *ancestors(anchor)]:
        if element is scope:
            break
        tokens = classes(element)
        if "hentry" in tokens or any(_POST_ID_CLASS.match(t) for t in tokens):
            break
        for token in tokens:
            match = _TAXONOMY_CLASS.match(token)
            if match:
                name = match.group(1)
                return "post_tag" if name in ("post_tag", "post-tag", "tag") else name
            if _TAG_CONTAINER.search(token) and not token.startswith(("tagcloud", "wp-block-tag-cloud")):
                return "post_tag"
            if _CAT_CONTAINER.search(token):
                return "category"
    return None


def _taxonomy_from_classes(slug: str, base: str, post_classes: set[str]) -> str | None:
    sanitized = class_slug(slug)
    if not sanitized:
        return None
    hits = []
    if f"category-{sanitized}" in post_classes:
        hits.append("category")
    if f"tag-{sanitized}" in post_classes:
        hits.append("post_tag")
    if base and base not in ("category", "tag") and f"{base}-{sanitized}" in post_classes:
        hits.append(base)
    return hits[0] if len(hits) == 1 else None


def _jsonld_terms(page: Page, key: str, taxonomy: str) -> list[TermLink]:
    for node in page.jsonld_of_type("Article", "BlogPosting", "NewsArticle", "TechArticle"):
        value = node.get(key)
        names = value if isinstance(value, list) else (value.split(",") if isinstance(value, str) else [])
        found = [clean_text(n) for n in names if isinstance(n, str) and clean_text(n)]
        if found:
            return [TermLink(taxonomy=taxonomy, slug="", name=name) for name in found]
    return []


def _meta_tags(page: Page) -> list[TermLink]:
    names = [clean_text(e.get("content", "")) for e in page.root.xpath("//meta[@property='article:tag']")]
    return [TermLink(taxonomy="post_tag", slug="", name=n) for n in names if n]
