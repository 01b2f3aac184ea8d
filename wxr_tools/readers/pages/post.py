"""A single post's own fields: title, permalink and dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from lxml.html import HtmlElement

from .boilerplate import inside, is_author_box, is_comment_zone, is_outside_post, other_posts
from .dates import date_from_url, parse_clock, parse_iso, parse_text, with_offset_from
from .dom import clean_text, short_line, text_of, xclass
from .page import Page

_TITLE_IN_SCOPE = (
    f".//h1[{xclass('entry-title')}]",
    f".//*[{xclass('elementor-widget-theme-post-title')} or {xclass('et_pb_post_title')} or {xclass('fl-post-title')}"
    f" or {xclass('fusion-post-title')} or {xclass('tb-post-title')}]//*[self::h1 or self::h2]",
    f".//*[{xclass('entry-title')}]",
    f".//*[{xclass('wp-block-post-title')}]",
    f".//*[self::h1 or self::h2 or self::h3][{xclass('post-title')} or {xclass('single-title')}"
    f" or {xclass('article-title')} or {xclass('single-post-title')} or {xclass('headline')}]",
    ".//*[@itemprop='headline' or @itemprop='name headline']",
    ".//h1[contains(@class, 'title') and not(contains(@class, 'site-title'))"
    " and not(contains(@class, 'page-title') and ancestor::header)]",
)
_TITLE_ANYWHERE = (
    f"//h1[{xclass('entry-title')}]",
    f"//*[{xclass('wp-block-post-title')}]",
    f"//*[{xclass('entry-title')}]",
    f"//h1[{xclass('post-title')} or {xclass('single-title')} or {xclass('page-title')}]",
)
_DATE_ELEMENTS = (
    f".//time[{xclass('published')}]",
    f".//*[{xclass('published')}][@title or @datetime]",
    f".//*[{xclass('wp-block-post-date')}]//time",
    f".//time[{xclass('entry-date')}]",
    ".//*[@itemprop='datePublished']",
    ".//time[@datetime]",
)
_DATE_TEXT = (
    f".//*[{xclass('entry-date')}]",
    f".//*[{xclass('posted-on')} or {xclass('post-date')} or {xclass('entry-meta')} or {xclass('date')}"
    f" or {xclass('post-meta')} or {xclass('postmetadata')} or {xclass('meta')} or {xclass('entry-info')}"
    f" or {xclass('published')} or {xclass('byline')} or {xclass('postdate')} or {xclass('dateline')}]",
    ".//*[contains(@class, 'date') or contains(@class, 'posted') or contains(@class, 'time')]",
)


@dataclass
class Dates:
    """Publication and modification times found on a page."""

    date: datetime | None = None
    date_gmt: datetime | None = None
    modified: datetime | None = None
    modified_gmt: datetime | None = None


def _excluded(element: HtmlElement) -> bool:
    return is_outside_post(element) or is_author_box(element)


def read_title(page: Page, scope: HtmlElement, has_wrapper: bool = True) -> str:
    """The post title: heading in the post, then page-wide entry title, og:title, JSON-LD, <title>.

    Without a post element (``has_wrapper`` False) the scope is the whole main
    area, where headings of related posts also sit, so og:title goes first.
    """
    if not has_wrapper and page.meta.get("og:title") and page.meta.get("og:type", "article") == "article":
        for element in page.root.xpath(f"//h1[{xclass('entry-title')}] | //*[{xclass('wp-block-post-title')}]"):
            if not inside(element, _excluded) and text_of(element):
                return heading_text(element)
        seo = _strip_site_name(clean_text(page.meta["og:title"]), page.site_name)
        return _only_h1(scope, seo) or seo
    other = other_posts(scope)
    for path in _TITLE_IN_SCOPE:
        for element in scope.xpath(path):
            if not inside(element, lambda e: _excluded(e) or other(e), stop=scope.getparent()):
                text = heading_text(element)
                if text:
                    return text
    for path in _TITLE_ANYWHERE:
        for element in page.root.xpath(path):
            if not inside(element, _excluded):
                text = text_of(element)
                if text:
                    return text
    if page.meta.get("og:title"):
        seo = _strip_site_name(clean_text(page.meta["og:title"]), page.site_name)
        return _only_h1(page.root, seo) or seo
    for node in page.jsonld_of_type("Article", "BlogPosting", "NewsArticle"):
        if isinstance(node.get("headline"), str):
            return clean_text(node["headline"])
    for element in scope.xpath(".//h1 | .//h2"):
        if not inside(element, _excluded, stop=scope.getparent()):
            text = text_of(element)
            if text and text != page.site_name:
                return text
    title = page.root.find(".//title")
    return _strip_site_name(text_of(title), page.site_name, split=True) if title is not None else ""


_LABEL_END = re.compile(r"[|»›•·/]\s*$")


def heading_text(heading: HtmlElement) -> str:
    """A title heading's text without a section label nested before the title ("Local News | "): a
    leading child ending in a separator, or linking a category."""
    first = next((child for child in heading if isinstance(child.tag, str)), None)
    if first is not None and not (heading.text or "").strip() and (first.tail or "").strip():
        label = text_of(first)
        links_term = first.tag == "a" and "/category/" in first.get("href", "")
        if label and (_LABEL_END.search(label) or links_term):
            return clean_text(first.tail + "".join(text_of(c) + (c.tail or "") for c in first.itersiblings()))
    return text_of(heading)


def _only_h1(scope: HtmlElement, seo_title: str) -> str:
    """The one visible ``<h1>`` of a page without a post element, when it names what the SEO title
    (``og:title``) rephrases: the post's title as readers see it."""
    headings = [h for h in scope.iter("h1") if text_of(h) and not inside(h, _excluded, stop=scope.getparent())
                and "site-title" not in (h.get("class") or "")]
    if len(headings) != 1:
        return ""
    text = heading_text(headings[0])
    shared = _words(text) & _words(seo_title)
    return text if len(shared) >= 2 or (shared and len(shared) * 2 >= len(_words(text))) else ""


def _words(text: str) -> set[str]:
    return {w for w in re.findall(r"\w+", text.casefold()) if len(w) > 3}


def _strip_site_name(title: str, site_name: str, split: bool = False) -> str:
    """A title without the site name themes and SEO plugins append (or prepend)."""
    for separator in (" | ", " – ", " — ", " - ", " » ", " › ", " · ", " :: "):
        if site_name and title.endswith(separator + site_name):
            return title[: -len(separator + site_name)].strip()
        if site_name and title.startswith(site_name + separator):
            return title[len(site_name + separator):].strip()
    if split and " | " in title:
        return title.rsplit(" | ", 1)[0].strip()
    return title


def read_url(page: Page, scope: HtmlElement) -> str:
    """The permalink: canonical link or og:url, without comment-page or reply parts."""
    url = page.url
    if not url:
        for anchor in scope.xpath(".//a[contains(concat(' ', normalize-space(@rel), ' '), ' bookmark ')]"):
            url = anchor.get("href", "")
            if url:
                break
    return permalink(url)


def permalink(url: str) -> str:
    """A post URL without ``comment-page-N``, ``?replytocom=``, fragment or page number."""
    url = url.split("#", 1)[0]
    url = re.sub(r"[?&]replytocom=\d+", "", url)
    url = re.sub(r"comment-page-\d+/?$", "", url)
    return url


def slug_of(url: str) -> str:
    """The last path segment of a pretty permalink (WordPress's ``post_name``)."""
    parts = [p for p in url.split("?", 1)[0].split("/") if p]
    return parts[-1] if len(parts) > 2 else ""


def item_date(item: HtmlElement, body: HtmlElement | None) -> datetime | None:
    """The date a listed post's own item shows (its ``<time>``, date text or calendar badge)."""
    return _theme_date(item) or _date_text(item) or _date_before_body(item, body) or _date_badge(item, body)


def read_dates(page: Page, scope: HtmlElement, body: HtmlElement | None = None) -> Dates:
    """Local and GMT publication dates from meta, JSON-LD, ``<time>`` and date text."""
    dates = Dates()
    gmt = parse_iso(page.meta.get("article:published_time"))
    modified = parse_iso(page.meta.get("article:modified_time"))
    for node in page.jsonld_of_type("Article", "BlogPosting", "NewsArticle", "TechArticle", "WebPage"):
        gmt = gmt or parse_iso(_str(node.get("datePublished")))
        modified = modified or parse_iso(_str(node.get("dateModified")))
    local = _theme_date(scope) or _date_text(scope) or _date_before_body(scope, body) \
        or _date_in_headers(page, scope) or _date_badge(scope, body) or _labelled_date(scope, body)
    if local is not None and gmt is not None and gmt.tzinfo is not None and not _same_moment(local, gmt):
        local = None  # a <time> of something else (related post, comment) than the post
    if local is None and gmt is None:
        local = date_from_url(page.url) or _date_beside_permalink(page, read_url(page, scope))
    if local is not None and local.tzinfo is not None and local.utcoffset() and local.utcoffset().total_seconds():
        dates.date, dates.date_gmt = local, local.astimezone(timezone.utc)
    elif local is not None and gmt is not None and gmt.tzinfo is not None:
        naive = local.replace(tzinfo=None)
        if naive.time() == datetime.min.time():  # the page shows the day only
            # the meta time in its own offset, when it falls on the day shown; else the day shown wins
            # (a UTC meta time is often the next or the previous day of the local date)
            dates.date = gmt if gmt.date() == naive.date() else naive
            dates.date_gmt = gmt.astimezone(timezone.utc)
        else:
            labelled = with_offset_from(naive, gmt)
            dates.date = labelled or naive
            dates.date_gmt = gmt.astimezone(timezone.utc)
    elif local is not None:
        dates.date = local
        if local.tzinfo is not None:
            dates.date_gmt = local.astimezone(timezone.utc)
    elif gmt is not None:
        dates.date = gmt
        if gmt.tzinfo is not None:
            dates.date_gmt = gmt.astimezone(timezone.utc)
    updated = scope.xpath(f".//time[{xclass('updated')}][@datetime]")
    local_modified = parse_iso(updated[0].get("datetime")) if updated else None
    dates.modified = local_modified or modified
    if dates.modified is not None and dates.modified.tzinfo is not None:
        dates.modified_gmt = dates.modified.astimezone(timezone.utc)
    return dates


def _same_moment(local: datetime, gmt: datetime) -> bool:
    """Whether a date the theme shows can be the moment of the meta time: within the offsets of the
    world's time zones, and within that day when only the day is shown."""
    hours = (gmt.astimezone(timezone.utc).replace(tzinfo=None) - local.replace(tzinfo=None)).total_seconds() / 3600
    if local.tzinfo is None and local.time() == datetime.min.time():
        return -14 <= hours <= 24 + 12
    return abs(hours) <= 14


_PUBLISHED_LABEL = re.compile(
    r"\b(?:veröffentlicht|published|posted|publié|publicado|pubblicato|erschienen|geschrieben|written)"
    r"(?:\s+(?:am|on|le|el|il|em|op))?\s*:?\s*", re.IGNORECASE)


def _labelled_date(scope: HtmlElement, body: HtmlElement | None) -> datetime | None:
    """A date in a short meta line of the post outside its content: labelled as the publication
    ("Veröffentlicht am 16.08.2019 in …") or starting the line ("26 Mai, 2008 | Dorf | …")."""
    other = other_posts(scope)
    for element in scope.iter("div", "p", "span", "small", "footer", "li", "em"):
        text = short_line(element)
        if not text or inside(element, lambda e: _excluded(e) or e is body or other(e),
                                                  stop=scope.getparent()):
            continue
        match = _PUBLISHED_LABEL.search(text)
        start = match.end() if match else 0
        value = parse_text(text[start:])
        if value is not None and (match or _starts_with_date(text)):
            return value
    return None


def _starts_with_date(text: str) -> bool:
    """Whether a line begins with its date (what follows is the date's own line: category, comments)."""
    head = re.split(r"\s[|·•]\s|\s[–—-]\s", text, maxsplit=1)[0]
    return len(head) <= 30 and parse_text(head) is not None


def _str(value: object) -> str | None:
    return value if isinstance(value, str) else None


def _theme_date(scope: HtmlElement) -> datetime | None:
    for path in _DATE_ELEMENTS:
        for element in scope.xpath(path):
            if inside(element, _excluded, stop=scope.getparent()):
                continue
            value = parse_iso(element.get("datetime") or element.get("content") or element.get("title"))
            if value is not None:
                return value
    return None


def _date_text(scope: HtmlElement) -> datetime | None:
    for path in _DATE_TEXT:
        for element in scope.xpath(path):
            if inside(element, _excluded, stop=scope.getparent()):
                continue
            value = parse_text(text_of(element))
            if value is None:
                continue
            if value.time() == datetime.min.time():
                clock = _clock_near(element)
                if clock is not None:
                    value = value + clock
            return value
    return None


def _date_in_headers(page: Page, scope: HtmlElement) -> datetime | None:
    """The date in a post header printed outside the post element."""
    for header in page.post_headers:
        if inside(header, _excluded) or any(parent is scope for parent in header.iterancestors()):
            continue
        found = _theme_date(header) or _date_text(header)
        if found is not None:
            return found
    return None


def _date_before_body(scope: HtmlElement, body: HtmlElement | None) -> datetime | None:
    """A short date text between the top of the post and its content (bylines without classes)."""
    for element in scope.iter():
        if element is body:
            return None
        if not isinstance(element.tag, str) or element.tag in ("script", "style"):
            continue
        text = (element.text or "").strip()
        if 6 <= len(text) <= 40 and not inside(element, _excluded, stop=scope.getparent()):
            value = parse_text(text)
            if value is not None:
                return value
    return None


def _date_badge(scope: HtmlElement, body: HtmlElement | None) -> datetime | None:
    """A calendar badge outside the content: day, month and year as separate elements
    (``<span class="month">Feb</span><span class="day">18</span><span class="year">2009</span>``)."""
    for element in scope.iter():
        children = [child for child in element if isinstance(child.tag, str)]
        if not 2 <= len(children) <= 4 or any(len(child) for child in children) or (element.text or "").strip():
            continue
        joined = " ".join(clean_text(child.text or "") for child in children)
        if len(joined) > 30 or inside(element, lambda e: _excluded(e) or e is body, stop=scope.getparent()):
            continue
        value = parse_text(joined)
        if value is not None:
            return value
    return None


def _date_beside_permalink(page: Page, url: str) -> datetime | None:
    """A date in the sentence or list item that links the post itself, outside the post: the sidebar
    of WordPress's classic default theme ("X was posted on DATE at TIME"), a recent-posts widget
    showing dates."""
    if not url:
        return None
    for anchor in page.root.iter("a"):
        href = anchor.get("href")
        if not href or href.rstrip("/") != url.rstrip("/") or inside(anchor, is_comment_zone):
            continue
        holder = anchor.getparent()
        text = text_of(holder) if holder is not None else ""
        if len(text) <= 400:
            value = parse_text(text)
            if value is not None:
                return value
    return None


def _clock_near(element: HtmlElement) -> timedelta | None:
    """Twenty Ten prints the time only as the ``title`` of the date's permalink."""
    for candidate in [element, *element.iterancestors()][:3]:
        if candidate.tag == "a" and candidate.get("title"):
            return parse_clock(candidate.get("title"))
    for anchor in element.iter("a"):
        if anchor.get("title"):
            return parse_clock(anchor.get("title"))
    return None
