"""Categories, tags and custom taxonomy terms of a post, told apart by container, URL and classes."""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, unquote

from lxml.html import HtmlElement

from slugify import slugify

from wxr_tools.model import TermRef

from .authors import nicename_from_url
from .boilerplate import inside, is_author_box, is_outside_post
from .dom import ancestors, classes, clean_text, short_line, split_url, text_of
from .page import Page

_TAXONOMY_CLASS = re.compile(r"^taxonomy-([a-z0-9_-]+)$")
_TAG_CONTAINER = re.compile(r"(^|[-_])(tags?|tagged|tag-links|schlagworte|schlagwoerter|keywords|etiquetas|mots-cles)([-_]|$)",
                            re.IGNORECASE)
_CAT_CONTAINER = re.compile(r"(^|[-_])(cats?|categor\w*|kategori\w*|rubri\w*|filed)([-_]|$)", re.IGNORECASE)
_CATEGORY_BASES = {"category", "categories", "kategorie", "kategorien", "categoria", "categorias", "categorie",
                   "kategoria", "kategori", "rubrique", "rubrik", "rubriken", "thema", "themen", "topics", "cat"}
_TAG_BASES = {"tag", "tags", "schlagwort", "schlagworte", "stichwort", "stichworte", "etiqueta", "etiquetas",
              "etichetta", "etichette", "mot-cle", "mots-cles", "trefwoord"}
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
               post_classes: list[str], page_fallbacks: bool = True) -> tuple[list[TermLink], list[TermRef]]:
    """Term links of the post, plus terms only its classes name (slug known, name not).

    ``page_fallbacks`` lets page-wide signals (JSON-LD, ``article:tag``) fill in when the post links
    no terms; they describe a single page's post, never one item of a listing.
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
    if not page_fallbacks:
        return linked, class_only
    named_by_page = {"category": _jsonld_terms(page, "articleSection", "category") or _meta_terms(page, "section"),
                     "post_tag": _jsonld_terms(page, "keywords", "post_tag") or _meta_terms(page, "tag")}
    if class_only:
        class_only = _named_by_page(class_only, linked, named_by_page, _meta_terms(page, "section")
                                    + _meta_terms(page, "tag"))
    for taxonomy, found in named_by_page.items():
        if not any(t.taxonomy == taxonomy for t in linked) and not any(t.taxonomy == taxonomy for t in class_only):
            linked.extend(found or _text_terms(scope, content, taxonomy))
    return linked, class_only


def _named_by_page(class_only: list[TermRef], linked: list[TermLink], named_by_page: dict[str, list[TermLink]],
                   meta: list[TermLink]) -> list[TermRef]:
    """Name the terms only ``post_class()`` gives from JSON-LD ``articleSection``/``keywords`` and
    ``article:section``/``article:tag``: by slug, then, when one slug and one name are left over in a
    taxonomy, the one by the other. Named ones move to ``linked``; the rest are returned."""
    left: list[TermRef] = []
    for taxonomy in ("category", "post_tag"):
        slugs = [ref for ref in class_only if ref.taxonomy == taxonomy]
        if not slugs:
            continue
        names = [n.name for n in named_by_page[taxonomy] + [m for m in meta if m.taxonomy == taxonomy]]
        taken = {link.name.casefold() for link in linked if link.taxonomy == taxonomy}
        names = list(dict.fromkeys(n for n in names if n.casefold() not in taken))
        unnamed = []
        for ref in slugs:
            name = next((n for n in names if class_slug(slugify(n)) == ref.slug), None)
            if name is None:
                unnamed.append(ref)
                continue
            names.remove(name)
            linked.append(TermLink(taxonomy=taxonomy, slug=ref.slug, name=name))
        if len(unnamed) == 1 and len(names) == 1:
            linked.append(TermLink(taxonomy=taxonomy, slug=unnamed[0].slug, name=names[0]))
            unnamed = []
        left += unnamed
    return left + [ref for ref in class_only if ref.taxonomy not in ("category", "post_tag")]


_TEXT_TERMS = {
    "category": re.compile(r"(?:^|[·|•]\s*)(?:kategorien?|categor(?:y|ies)|catégories?|categorías?|categorie|"
                           r"categorias?|rubriken?|rubriques?|filed under|posted in|abgelegt unter)\s*:\s*([^·|•]+)",
                           re.IGNORECASE),
    "post_tag": re.compile(r"(?:^|[·|•]\s*)(?:tags?|tagged(?: with)?|schlagw(?:ö|oe)rter|stichw(?:ö|oe)rter|"
                           r"étiquettes|etiquetas|mots-clés)\s*:\s*([^·|•]+)", re.IGNORECASE),
}


def _text_terms(scope: HtmlElement, content: HtmlElement | None, taxonomy: str) -> list[TermLink]:
    """Terms a theme prints as text with no link ("Kategorien: Allgemein, Garten"), in a short meta line
    of the post outside its content."""
    pattern = _TEXT_TERMS[taxonomy]
    for element in scope.iter("div", "p", "span", "small", "li", "footer"):
        if any(True for _ in element.iter("a")):
            continue
        text = short_line(element, 200)
        if not text or (content is not None and _within(element, content)) \
                or inside(element, lambda e: is_outside_post(e) or is_author_box(e), stop=scope.getparent()):
            continue
        match = pattern.search(text)
        if match:
            names = [clean_text(n) for n in re.split(r"[,;]", match.group(1)) if clean_text(n)]
            if names and all(len(n.split()) <= 4 for n in names):
                return [TermLink(taxonomy=taxonomy, slug=slugify(n), name=n) for n in names]
    return []


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
        if class_slug(found) != slug or (base not in bases and not inside(anchor, _is_breadcrumb)):
            continue
        name = _without_count(clean_text(text_of(anchor)))
        if name:
            return TermLink(taxonomy=taxonomy, slug=found, name=name,
                            parent=parent if taxonomy == "category" else None)
    return None


_COUNT = re.compile(r"\s*[(\[]\s*\d[\d.,]*\s*[)\]]$")


def _without_count(name: str) -> str:
    """A term name without the post count a widget or theme prints after it ("News (578)")."""
    return _COUNT.sub("", name).strip()


def _is_breadcrumb(element: HtmlElement) -> bool:
    return any("breadcrumb" in token.lower() for token in classes(element) + [element.get("id", "")])


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
    name = _without_count(clean_text(text_of(anchor)).rstrip(",;·|").strip())  # a separator inside the link
    if not name:
        return None
    container = _container_taxonomy(anchor, scope)
    by_class = _taxonomy_from_classes(slug, base, post_classes)
    if not base and not by_class and not rel & {"category", "tag"}:
        return None  # a one-segment link is a term only when the post classes or rel say so
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
    if len(segments) >= 2 and segments[-2] == "page" and segments[-1].isdigit():
        segments = segments[:-2]
    if len(segments) == 1:  # a term base removed (custom permalinks, plugins): the class or rel decides
        return segments[0].lower(), None, ""
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


def _meta_terms(page: Page, kind: str) -> list[TermLink]:
    """``article:section`` (a category) or ``article:tag`` names."""
    taxonomy = "category" if kind == "section" else "post_tag"
    names = [clean_text(e.get("content", "")) for e in page.root.xpath(f"//meta[@property='article:{kind}']")]
    return [TermLink(taxonomy=taxonomy, slug="", name=n) for n in names if n]
