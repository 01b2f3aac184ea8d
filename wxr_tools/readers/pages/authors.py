"""The post's author (display name, nicename) and author bios from bio boxes and JSON-LD."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

from lxml import etree
from lxml.html import HtmlElement
from slugify import slugify

from ...html_tree import take_out
from .boilerplate import inside, is_author_box, is_comment_zone, is_outside_post, other_posts
from .dates import parse_text
from .dom import clean_text, has_class, inner_html, short_line, split_url, text_of, xclass
from .page import Page

_VIEW_ALL = re.compile(
    r"^(?:view|see|browse)\s+(?:all|more)\s+(?:posts|articles|entries)\s+(?:by|from)\s+(.+?)\s*[→»›]?$"
    r"|^view all of\s+(.+?)['’]s\s+posts\.?$"
    r"|^alle\s+beiträge\s+von\s+(.+?)\s+anzeigen\s*[→»›]?$"
    r"|^voir\s+tous\s+les\s+articles\s+(?:par|de)\s+(.+?)\s*[→»›]?$",
    re.IGNORECASE,
)
_NOT_A_NAME = re.compile(r"^(view archive|view more posts|view all posts|more posts|author|admin page)\b",
                         re.IGNORECASE)
_NAME_PREFIX = re.compile(
    r"^(?:posted\s+by|written\s+by|published\s+by|about\s+the\s+author|about|by|author|"
    r"autor(?:in)?|von|par|por|di|door|geschrieben\s+von|veröffentlicht\s+von|verfasst\s+von)\s*:?\s+",
    re.IGNORECASE,
)
_NOT_A_PERSON = re.compile(r"://|^[#@/]|^www\.|#/schema/")
_TEXT_BYLINE = re.compile(
    r"(?:^|[|·•,]\s*)(?:posted\s+by|written\s+by|published\s+by|verfasst\s+von|geschrieben\s+von|"
    r"veröffentlicht\s+von|publié\s+par|écrit\s+par|escrito\s+por|publicado\s+por|scritto\s+da|"
    r"pubblicato\s+da|geschreven\s+door|autor(?:in)?|author|by|von|par|por|door)\s*:?\s+"
    r"(?P<name>[^|·•,\d]{2,60}?)\s*(?:[|·•,–—]|\s(?:on|am|le|el|il|op|in|at|um)\s|\d|$)",
    re.IGNORECASE,
)
"""A byline printed as text only: a label, then the name, up to a separator or the date."""
_META_AUTHOR_NAMES = ("author", "article:author", "shareaholic:article_author_name", "parsely-author",
                      "sailthru.author", "dc.creator", "citation_author", "twitter:creator:name")
_THEME_CREDIT = re.compile(r"https?://|www\.|\w@\w")
"""A URL or e-mail in ``<meta name=author>``: a theme's hard-coded credit to its designer, not the author."""
_AUTHOR_BASES = ("author", "authors", "autor", "autoren", "autorin", "autorinnen", "auteur", "auteurs", "autore",
                 "autori", "autores", "creator", "creators", "writer", "writers", "contributor", "contributors",
                 "columnist", "columnists", "journalist", "journalists", "redakteur", "redakteure")
"""Author archive bases: WordPress's ``author``, the translations sites set it to (German, French,
Italian, Spanish, Portuguese) and the other words they choose for their writers (``/creator/``)."""
_AUTHOR_PATH = re.compile(r"/(?:" + "|".join(_AUTHOR_BASES) + r")/([^/?#]+)", re.IGNORECASE)
_AUTHOR_QUERY = re.compile(r"[?&]author=(\d{1,18})(?!\d)")

_BYLINE_XPATHS = tuple(etree.XPath(path) for path in (
    f".//*[{xclass('author')} and {xclass('vcard')}]//*[{xclass('fn')}]",
    f".//*[{xclass('author')} and {xclass('vcard')}]//a",
    f".//*[{xclass('wp-block-post-author-name')}]",
    f".//*[{xclass('wp-block-post-author__name')}]",
    ".//a[contains(concat(' ', normalize-space(@rel), ' '), ' author ')]",
    ".//*[@itemprop='author']//*[@itemprop='name']",
    ".//*[@itemprop='author']",
    f".//*[{xclass('byline')} or {xclass('by-author')} or {xclass('posted-by')} or {xclass('post-author')}"
    f" or {xclass('entry-author')} or {xclass('author-name')} or {xclass('meta-author')}"
    f" or {xclass('post-author-name')} or {xclass('author')}]//a",
    f".//*[{xclass('byline')} or {xclass('post-author')} or {xclass('entry-author')}"
    f" or {xclass('author-name')} or {xclass('post-author-name')} or {xclass('meta-author')}]",
    ".//a[" + " or ".join(f"contains(@href, '/{base}/')" for base in _AUTHOR_BASES) + "]",
))
_BIO_TEXT = (
    f".//*[{xclass('author-description')} or @id='author-description' or {xclass('author-bio')}"
    f" or {xclass('wp-block-post-author__bio')} or {xclass('wp-block-post-author-biography')}"
    f" or @itemprop='description' or {xclass('saboxplugin-desc')} or {xclass('abh_description')}"
    f" or {xclass('author-box-content')} or {xclass('author-text')}]"
)


@dataclass
class Byline:
    """An author as a page shows them."""

    name: str = ""
    nicename: str = ""
    url: str = ""
    bio: str | None = None
    coauthors: list[Byline] = field(default_factory=list)
    """Further authors the same byline links (Co-Authors Plus prints one ``rel=author`` link each)."""


def nicename_from_url(href: str) -> str:
    """``/author/<nicename>/`` (or a translated author base) → nicename (percent-decoded and
    lower-cased, as WordPress stores it)."""
    match = _AUTHOR_PATH.search(split_url(href).path if href else "")
    return unquote(match.group(1)).strip().lower() if match else ""


def clean_name(text: str) -> str:
    """A display name without "By", "Posted by", "View all posts by ... →" wrappers."""
    text = clean_text(text).strip(" |·•-–—:,")
    match = _VIEW_ALL.match(text)
    if match:
        text = next(group for group in match.groups() if group)
    previous = None
    while previous != text:
        previous = text
        text = _NAME_PREFIX.sub("", text).strip()
    if _NOT_A_NAME.match(text) or len(text) > 80 or _NOT_A_PERSON.search(text) or \
            (any(c.isdigit() for c in text) and parse_text(text) is not None):
        return ""  # a URL or structured-data @id, or a date printed where a theme's author field is
    return text


def read_byline(page: Page, scope: HtmlElement, page_wide: bool = True) -> Byline:
    """The post author from the byline, the bio box, JSON-LD or meta tags.

    ``page_wide`` also searches outside ``scope`` (when no post element was found,
    the byline may sit anywhere around the content).
    """
    byline = _byline_in([scope, page.root] if page_wide else [scope, *page.post_headers], scope, page.root,
                        page.home_url)
    if not byline.name:
        byline = _text_byline(scope)
    box = find_bio_box(page, scope)
    if box is not None:
        boxed = read_bio_box(box)
        if not byline.name or (boxed.nicename and boxed.nicename == byline.nicename) or not boxed.nicename:
            byline.bio = boxed.bio
            byline.name = byline.name or boxed.name
            byline.nicename = byline.nicename or boxed.nicename
            byline.url = byline.url or boxed.url
    _fill_from_jsonld(page, byline)
    if byline.name and not byline.coauthors:
        byline.coauthors = _jsonld_coauthors(page, byline.name)
    if not byline.name:
        byline.name = clean_name(_meta_author(page))
    if not byline.nicename and byline.url:
        byline.nicename = nicename_from_url(byline.url)
    return byline


def read_item_byline(item: HtmlElement) -> Byline:
    """The author an item of a listing names (its byline only: no page-wide signal is about one item)."""
    found = _byline_in([item], item, None, "")
    return found if found.name else _text_byline(item)


def _byline_in(containers: list[HtmlElement], scope: HtmlElement, root: HtmlElement | None,
               home_url: str) -> Byline:
    """The first byline element in ``containers`` (``scope`` first) outside zones that are not the post's:
    comments, widgets, bio boxes, other posts' cards, and the site's own hCard (a "vcard author" linking
    the home page)."""
    other = other_posts(scope)
    excluded = lambda e: is_outside_post(e) or is_author_box(e) or other(e)  # noqa: E731
    home = home_url.rstrip("/")
    for container in containers:
        for path in _BYLINE_XPATHS:
            for element in path(container):
                if inside(element, excluded, stop=scope.getparent() if container is scope else None) or (
                        container is not scope and container is not root and inside(container, excluded)):
                    continue
                name = clean_name(text_of(element))
                href = _author_href(element)
                if name and not (href and (href.rstrip("/") == home or split_url(href).path in ("", "/"))):
                    nicename = nicename_from_url(href)
                    return Byline(name=name, nicename=nicename, url=href, coauthors=_coauthors(element, nicename))
    return Byline()


def _text_byline(scope: HtmlElement) -> Byline:
    """A byline printed as text only ("Verfasst von: <strong>X</strong> | date"), in a short line of the
    post outside its content."""
    excluded = lambda e: is_outside_post(e) or is_author_box(e) or has_class(  # noqa: E731
        e, "entry-content", "entry", "post-content", "entry-body", "wp-block-post-content")
    for element in scope.iter("small", "span", "div", "p", "em", "li", "address"):
        text = short_line(element)
        if not text or inside(element, excluded, stop=scope.getparent()):
            continue
        match = _TEXT_BYLINE.search(text)
        if match:
            name = clean_name(match.group("name"))
            if name and len(name.split()) <= 4:
                return Byline(name=name)
    return Byline()


def _coauthors(element: HtmlElement, nicename: str) -> list[Byline]:
    """The other authors linked in the same short byline as ``element`` (``X, Y and Z``)."""
    if not nicename:
        return []
    holder = element.getparent()
    for _ in range(3):
        if holder is None or len(text_of(holder)) > 200:
            return []
        links = [a for a in holder.iter("a") if nicename_from_url(a.get("href", ""))]
        if len(links) > 1:
            break
        holder = holder.getparent()
    else:
        return []
    found: list[Byline] = []
    seen = {nicename}
    for anchor in links:
        other = nicename_from_url(anchor.get("href", ""))
        name = clean_name(text_of(anchor))
        if other not in seen and name:
            seen.add(other)
            found.append(Byline(name=name, nicename=other, url=anchor.get("href", "")))
    return found


def _author_href(element: HtmlElement) -> str:
    if element.tag == "a" and element.get("href"):
        return element.get("href")
    for anchor in element.iter("a"):
        if anchor.get("href"):
            return anchor.get("href")
    parent = element.getparent()
    while parent is not None and parent.tag != "body":
        if parent.tag == "a" and parent.get("href"):
            return parent.get("href")
        parent = parent.getparent()
    return ""


def _meta_author(page: Page) -> str:
    meta = page.meta
    for index in ("1", "2"):
        if meta.get(f"twitter:label{index}", "").lower() in ("written by", "verfasst von", "geschrieben von"):
            return meta.get(f"twitter:data{index}", "")
    for name in _META_AUTHOR_NAMES:
        author = meta.get(name, "")
        if author and not author.startswith(("http", "@")) and not _THEME_CREDIT.search(author):
            return author
    return ""


def _fill_from_jsonld(page: Page, byline: Byline) -> None:
    articles = page.jsonld_of_type("Article", "BlogPosting", "NewsArticle", "TechArticle", "WebPage")
    people = page.jsonld_of_type("Person")
    if not any(a.get("author") for a in articles) and len(people) == 1:
        articles = [{"author": people[0]}]
    for article in articles:
        author = article.get("author")
        if isinstance(author, list) and author:
            author = author[0]
        if isinstance(author, dict) and "@id" in author and "name" not in author:
            author = page.jsonld_by_id(author["@id"]) or author
        if isinstance(author, dict):
            if not byline.name and isinstance(author.get("name"), str):
                byline.name = clean_name(author["name"])
            if byline.bio is None and isinstance(author.get("description"), str) and author["description"].strip():
                if not byline.name or clean_name(author.get("name", "")) == byline.name:
                    byline.bio = author["description"].strip()
            if not byline.url and isinstance(author.get("url"), str):
                byline.url = author["url"]
        elif isinstance(author, str) and not byline.name:
            byline.name = clean_name(author)


def _jsonld_coauthors(page: Page, first: str) -> list[Byline]:
    """Further authors of an Article whose JSON-LD ``author`` list starts with the byline's name."""
    for article in page.jsonld_of_type("Article", "BlogPosting", "NewsArticle", "TechArticle"):
        authors = article.get("author")
        if not isinstance(authors, list) or len(authors) < 2:
            continue
        names = []
        for author in authors:
            if isinstance(author, dict) and "@id" in author and "name" not in author:
                author = page.jsonld_by_id(author["@id"]) or author
            name = clean_name(author.get("name", "") if isinstance(author, dict) else str(author))
            if name:
                names.append((name, author.get("url", "") if isinstance(author, dict) else ""))
        if names and names[0][0] == first:
            return [Byline(name=name, nicename=nicename_from_url(url) or slugify(name), url=url)
                    for name, url in names[1:]]
    return []


def find_bio_box(page: Page, scope: HtmlElement) -> HtmlElement | None:
    """The author bio box shown with the post (inside or right after it), if any."""
    for container in (scope, page.root):
        for element in container.iter():
            if not isinstance(element.tag, str) or not is_author_box(element):
                continue
            if inside(element.getparent(), lambda e: is_comment_zone(e) or is_outside_post(e) or is_author_box(e)) \
                    if element.getparent() is not None else False:
                continue
            return element
    return None


def read_bio_box(box: HtmlElement) -> Byline:
    """Name, nicename and bio (HTML, as WordPress stores it) from a bio box."""
    found = Byline()
    for anchor in box.iter("a"):
        nicename = nicename_from_url(anchor.get("href", ""))
        if nicename:
            found.nicename, found.url = nicename, anchor.get("href", "")
            break
    for heading in box.iter("h1", "h2", "h3", "h4", "h5", "h6"):
        name = clean_name(text_of(heading))
        if name:
            found.name = name
            break
    if not found.name:
        for anchor in box.iter("a"):
            name = clean_name(text_of(anchor))
            if name and nicename_from_url(anchor.get("href", "")):
                found.name = name
                break
    holders = [e for e in box.xpath(_BIO_TEXT) if e is not box]
    holder = holders[0] if holders else box
    found.bio = bio_html(holder) or None
    return found


def bio_html(holder: HtmlElement) -> str:
    """A bio box's text as HTML: headings, avatars, "View all posts" links removed."""
    holder = copy.deepcopy(holder)
    for element in list(holder.iter()):
        if element is holder or not isinstance(element.tag, str):
            continue
        if element.tag in ("h1", "h2", "h3", "h4", "h5", "h6", "img", "script", "style", "svg") \
                or has_class(element, "author-link", "author-avatar", "avatar", "author-heading",
                             "screen-reader-text", "author-title", "wp-block-post-author__avatar") \
                or element.get("id") in ("author-link", "author-avatar") \
                or (element.tag == "a" and _VIEW_ALL.match(text_of(element))) \
                or (element.tag == "a" and _NOT_A_NAME.match(text_of(element))):
            if element.getparent() is not None:
                take_out(element)
    html = inner_html(holder)
    single = re.fullmatch(r"<p[^>]*>(.*)</p>", html, re.DOTALL)
    if single and "<p" not in single.group(1):
        html = single.group(1).strip()
    return html
