"""One saved page in, what it says about posts, terms and authors out."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path

from lxml import html as lxml_html
from lxml.html import HtmlElement
from slugify import slugify

from wxr_tools.diagnostics import DiagnosticLog
from wxr_tools.html_tree import drop_non_xml
from wxr_tools.model import Author, Meta, Post, Term, TermRef

from .archive import ArchiveInfo, read_archive
from .authors import read_byline
from .comments import read_comments
from .content import body_html, fallback_html, find_body, read_excerpt
from .detect import decode_page
from .directory import Directory, read_directory
from .dom import xclass
from .locate import locate_post, post_classes
from .page import Page
from .repair import escape_unclosed_raw_tags
from .post import read_dates, read_title, read_url, slug_of
from .terms import TermLink, read_terms

_STATUS_PREFIX = re.compile(r"^(Protected|Private|Geschützt|Privat|Protégé|Privé|Protegido|Privado|Protetto|Privato):\s+")
_STATUS_CLASSES = {"status-publish": "publish", "status-private": "private", "status-draft": "draft",
                   "status-pending": "pending", "status-future": "future"}


@dataclass
class PostSeen:
    """One post as one page shows it."""

    post: Post
    page_number: int = 1
    """Which part of a ``<!--nextpage-->`` post the content is."""
    author: Author | None = None
    coauthors: list[Author] = field(default_factory=list)
    """Further authors of a post with several (Co-Authors Plus); their logins are ``coauthor`` extras."""
    terms: list[Term] = field(default_factory=list)
    heading_count: int | None = None
    comment_page: bool = False
    author_guessed: bool = False
    """The login was made from the display name: no author URL or comment class gave it."""
    classes: list[str] = field(default_factory=list)


@dataclass
class PageRecord:
    """Everything one page contributed."""

    file: str
    kind: str
    url: str = ""
    site_name: str = ""
    home_url: str = ""
    language: str = ""
    post: PostSeen | None = None
    archive: ArchiveInfo | None = None
    directory: Directory = field(default_factory=Directory)


def parse_file(path: Path, log: DiagnosticLog) -> Page | None:
    """Read, decode and parse one file; None (with a diagnostic) when it cannot be parsed."""
    file = str(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        log.add("PAGE102", "error", f"cannot read the page: {error.strerror}", file=file, action="skipped")
        return None
    text, encoding, exact = decode_page(data)
    if not exact:
        log.add("PAGE101", "warning", f"encoding not declared or wrong; decoded as {encoding}", file=file,
                action="decoded by detection")
    if not text.strip():
        log.add("PAGE102", "error", "the page is empty", file=file, action="skipped")
        return None
    text, escaped = escape_unclosed_raw_tags(drop_non_xml(text))
    if escaped:
        log.add("PAGE104", "info", f"{escaped} bare <script>-like tag(s) never closed (a title printed"
                " unescaped)", file=file, action="read as text")
    try:
        root = lxml_html.document_fromstring(text)
    except (ValueError, lxml_html.etree.ParserError) as error:
        log.add("PAGE102", "error", f"not parseable as HTML: {error}", file=file, action="skipped")
        return None
    _restore_body_attributes(root, text)
    return Page.from_root(file, root)


_BODY_TAG = re.compile(r"<body\b([^>]*\bclass\s*=[^>]*)>", re.IGNORECASE)
_ATTRIBUTE_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
"""An attribute name lxml can look up; the HTML parser takes any run of characters for one."""


def _restore_body_attributes(root: HtmlElement, text: str) -> None:
    """Give ``<body>`` the classes the page printed when text before the doctype (PHP notices, stray
    output) made the parser open a body early and drop the real tag's attributes, which say what
    the page shows (``single postid-N``, ``category``, ``home``)."""
    body = root.find("body")
    if body is None or body.get("class") is not None:
        return
    match = _BODY_TAG.search(text)
    if match is None:
        return
    try:
        printed = lxml_html.fragment_fromstring(f"<div{match.group(1)}></div>")
    except lxml_html.etree.ParserError:  # a quote never closed swallows the tag: nothing to restore
        return
    for name, value in printed.attrib.items():
        if _ATTRIBUTE_NAME.fullmatch(name) and body.get(name) is None:  # lxml refuses names such as '"a":'
            body.set(name, value)


def read_page(path: Path, log: DiagnosticLog, known: Collection[int] = ()) -> PageRecord | None:
    """What one saved page says: a post (single pages) or term/author/listing info (archives).

    Listed posts whose id is in ``known`` (their single page or full text was read already) are not
    read again; only the terms and author the listing adds are taken.
    """
    page = parse_file(path, log)
    if page is None:
        return None
    record = PageRecord(file=page.file, kind=page.kind, url=page.url, site_name=page.site_name,
                        home_url=page.home_url, language=page.root.get("lang", ""),
                        directory=read_directory(page.root))
    if page.kind in ("category", "tag", "taxonomy", "author", "date", "home", "search", "archive"):
        record.archive = read_archive(page, known=known)
        return record
    if page.kind == "404":
        log.add("PAGE103", "info", "a 'page not found' page", file=page.file, action="skipped")
        return record
    record.post = read_single(page, log)
    if record.post is None:
        log.add("PAGE103", "info", "no post found on this page", file=page.file, action="skipped")
    elif page.kind == "unknown":  # a home page or archive without body classes lists the other posts too
        record.archive = read_archive(page, beside=record.post.post.id, known=known)
    return record


def read_single(page: Page, log: DiagnosticLog) -> PostSeen | None:
    """The post a single page shows, with its comments."""
    located = locate_post(page)
    scope = located.scope
    title = read_title(page, scope, located.wrapper is not None)
    body = find_body(scope, title)
    if page.kind == "unknown" and located.wrapper is None and body is None and located.post_id is None:
        return None
    classes = post_classes(located)
    if body is not None:
        content = body_html(body, title)
    else:
        content = fallback_html(scope, title)
        log.add("PAGE160", "warning", "no entry-content container; content taken from the post's paragraphs",
                file=page.file, action="best effort")
    dates = read_dates(page, scope, body)
    byline = read_byline(page, scope, page_wide=located.wrapper is None)
    linked, class_only = read_terms(page, scope, body, classes)
    thread = read_comments(page.root)
    if located.post_id is None:
        log.add("PAGE110", "warning", "no WordPress post id on the page (body class, post-N, shortlink,"
                " REST link or comment form)", file=page.file, action="negative id assigned")
    if not title:
        log.add("PAGE120", "warning", "no post title found", file=page.file, action="left empty")
    if dates.date is None:  # themes print no date on pages and attachments: not a problem there
        log.add("PAGE121", "warning" if located.post_type == "post" else "info", "no publication date found",
                file=page.file, action="left empty")
    if not byline.name:
        log.add("PAGE122", "info", "no author shown", file=page.file, action="left empty")
    if thread.idless:
        log.add("PAGE141", "info", f"{thread.idless} comment(s) without an id (pings in old themes)",
                file=page.file, action="negative ids assigned")
    author = None
    login = ""
    nicename = byline.nicename or _post_author_from_comments(page)
    if byline.name or nicename:
        login = nicename or slugify(byline.name) or byline.name
        author = Author(login=login, display_name=byline.name, bio=byline.bio)
    protected = "post-password-required" in classes or bool(
        scope.xpath(f".//form[{xclass('post-password-form')}]"))
    title = _without_status_prefix(title, classes, protected)
    refs, terms = _terms(linked, class_only)
    coauthors = [Author(login=other.nicename, display_name=other.name) for other in byline.coauthors]
    extra = [Meta(key="coauthor", value=other.login) for other in coauthors]
    image = _featured_image(scope, page)
    if image:
        extra.append(Meta(key="featured_image", value=image))
    status = next((_STATUS_CLASSES[c] for c in classes if c in _STATUS_CLASSES), "publish")
    url = read_url(page, scope)
    post = Post(
        id=located.post_id if located.post_id is not None else 0,
        type=located.post_type, status=status, title=title, url=url,
        slug=slug_of(url), author=login, date=dates.date, date_gmt=dates.date_gmt,
        modified=dates.modified, modified_gmt=dates.modified_gmt, content=content,
        excerpt=read_excerpt(scope, body),
        protected=protected,
        sticky="sticky" in (located.wrapper.get("class", "").split() if located.wrapper is not None else []),
        comment_status="open" if page.root.xpath("//form[contains(@action, 'wp-comments-post')]") else "",
        terms=refs, comments=thread.comments, extra=extra,
    )
    return PostSeen(post=post, page_number=page.paged, author=author, coauthors=coauthors, terms=terms,
                    heading_count=thread.heading_count,
                    comment_page="comment-page-" in page.file or "comment-page-" in (page.url or ""),
                    author_guessed=bool(login) and not nicename, classes=classes)


def _post_author_from_comments(page: Page) -> str:
    """The post author's nicename from their own comments (``bypostauthor comment-author-<nicename>``)."""
    for element in page.root.xpath(f"//*[{xclass('bypostauthor')}]"):
        for token in element.get("class", "").split():
            if token.startswith("comment-author-") and len(token) > len("comment-author-"):
                return token[len("comment-author-"):]
    return ""


def _without_status_prefix(title: str, classes: list[str], protected: bool) -> str:
    """WordPress prefixes "Protected: " and "Private: " to titles it shows; the stored title has none."""
    if protected or "status-private" in classes:
        match = _STATUS_PREFIX.match(title)
        if match:
            return title[match.end():]
    return title


def _terms(linked: list[TermLink], class_only: list[TermRef]) -> tuple[list[TermRef], list[Term]]:
    """The post's term references, and the terms (with names and parents) its links show."""
    refs: list[TermRef] = []
    terms: list[Term] = []
    for link in linked:
        slug = link.slug or slugify(link.name)
        refs.append(TermRef(taxonomy=link.taxonomy, slug=slug, name=link.name))
        terms.append(Term(taxonomy=link.taxonomy, slug=slug, name=link.name, parent=link.parent))
    refs.extend(class_only)
    return refs, terms


_FEATURED_IMAGE = lxml_html.etree.XPath(
    f".//*[{xclass('wp-block-post-featured-image')} or {xclass('post-thumbnail')}]//img"
    f" | .//img[{xclass('wp-post-image')}]")


def _featured_image(scope: HtmlElement, page: Page) -> str:
    """The featured image's URL (``wp-post-image``, thumbnail blocks), in the post or near it."""
    for container in (scope, page.root):
        for image in _FEATURED_IMAGE(container):
            if image.get("src"):
                return image.get("src")
    return ""
