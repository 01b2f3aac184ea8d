"""Comment threads: ids, parents (from nesting or ``depth-N``), authors, dates, text, pings."""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from datetime import datetime

from lxml import html as lxml_html
from lxml.html import HtmlElement

from wxr_tools.model import Comment

from ...html_tree import take_out
from .boilerplate import inside
from .dates import parse_iso, parse_text
from .dom import ancestors, classes, clean_text, has_class, inner_html, text_of, whole_number

_ITEM_ID = re.compile(r"^(?:li-|div-)?comment-(\d{1,18})(?!\d)$")
_DEPTH = re.compile(r"^depth-(\d{1,18})(?!\d)$")
_PING_TEXT = re.compile(r"^\s*(pingback|trackback)\s*:", re.IGNORECASE)
_NUMBER_WORDS = {"one": 1, "a": 1, "ein": 1, "eine": 1, "einen": 1, "un": 1, "une": 1, "uno": 1, "una": 1,
                 "two": 2, "zwei": 2, "three": 3, "drei": 3}
_COUNT_HEADING = re.compile(
    r"^\s*(\d+|one|two|three|a|ein|eine|einen|un|une|uno|una|zwei|drei)\s+"
    r"(responses?|thoughts?|repl(?:y|ies)|comments?|kommentare?|gedanken|antworten?|reaktionen|"
    r"réponses?|commentaires?|respuestas?|comentarios?|commenti|risposte|reacties)\b",
    re.IGNORECASE,
)
_AUTHOR_SELECTORS = ("fn", "comment-author-name", "wp-block-comment-author-name", "comment-author",
                     "commentauthor", "author")
_TEXT_SELECTORS = ("comment-content", "wp-block-comment-content", "comment-text", "comment-entry",
                   "commenttext", "comment_text", "comment-body")
_TEXT_SUFFIXES = ("comment-content", "comment-body", "comment-text", "comment-entry")
_META_PARTS = ("comment-likes", "comment-like-feedback", "comment-likes-widget", "comment-author", "comment-meta", "commentmetadata", "comment-metadata", "reply",
               "comment-reply", "comment-footer-meta", "comment-awaiting-moderation", "says", "avatar",
               "wp-block-comment-author-name", "wp-block-comment-date", "wp-block-comment-reply-link",
               "wp-block-comment-edit-link", "wp-block-avatar", "edit-link", "comment-edit-link",
               "comment-reply-link", "screen-reader-text")


@dataclass
class CommentThread:
    """The comments a page shows and the count its heading claims."""

    comments: list[Comment] = field(default_factory=list)
    heading_count: int | None = None
    idless: int = 0
    """How many items had no id (Twenty Ten pings); they got negative ids."""


def read_comments(root: HtmlElement) -> CommentThread:
    """Every comment item on the page, in document order, with its parent."""
    thread = CommentThread(heading_count=_heading_count(root))
    items = _items(root)
    item_set = {id(element): number for element, number in items}
    depth_stack: dict[int, int] = {}
    for index, (element, number) in enumerate(items):
        if number is None:
            thread.idless += 1
            number = -thread.idless
            item_set[id(element)] = number
        parent = None
        for ancestor in ancestors(element):
            if id(ancestor) in item_set:
                parent = item_set[id(ancestor)]
                break
        depth = _depth(element)
        if parent is None and depth and depth > 1:
            parent = depth_stack.get(depth - 1)
        if depth:
            depth_stack[depth] = number
        thread.comments.append(_comment(element, number, parent, item_set))
    return thread


def _items(root: HtmlElement) -> list[tuple[HtmlElement, int | None]]:
    """Outermost element of each comment (``li-comment-N`` over ``comment-N`` over ``div-comment-N``)."""
    by_number: dict[int, HtmlElement] = {}
    order: list[HtmlElement] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue
        match = _ITEM_ID.match(element.get("id", ""))
        if match and element.tag not in ("a", "span", "textarea", "input", "form", "time"):
            number = int(match.group(1))
            if number not in by_number:
                by_number[number] = element
                order.append(element)
        elif element.tag in ("li", "div", "article") and has_class(element, "pingback", "trackback") \
                and not element.get("id") and not _has_numbered_ancestor(element):
            order.append(element)
    numbers = {id(e): n for n, e in by_number.items()}
    items = []
    for element in order:
        items.append((element, numbers.get(id(element))))
    return items


def _has_numbered_ancestor(element: HtmlElement) -> bool:
    return any(_ITEM_ID.match(a.get("id", "")) for a in ancestors(element))


def _depth(element: HtmlElement) -> int | None:
    for token in classes(element):
        match = _DEPTH.match(token)
        if match:
            return int(match.group(1))
    return None


def _own(element: HtmlElement, item: HtmlElement, item_set: dict[int, int]) -> bool:
    """Whether ``element`` belongs to ``item`` itself, not to a reply nested in it."""
    for ancestor in ancestors(element):
        if ancestor is item:
            return True
        if id(ancestor) in item_set:
            return False
    return False


def _find(item: HtmlElement, names: tuple[str, ...], item_set: dict[int, int]) -> HtmlElement | None:
    for name in names:
        for element in item.iter():
            if isinstance(element.tag, str) and has_class(element, name) and _own(element, item, item_set):
                return element
    return None


def _comment(item: HtmlElement, number: int, parent: int | None, item_set: dict[int, int]) -> Comment:
    if item.tag == "dt":
        return _dl_comment(item, number, parent)
    kind = "pingback" if has_class(item, "pingback") else "trackback" if has_class(item, "trackback") else "comment"
    if kind == "comment" and _in_ping_list(item):
        kind = "pingback"
    own_text = text_of(item, skip=lambda e: id(e) in item_set)
    if kind == "comment" and _PING_TEXT.match(own_text) and _find(item, ("comment-content",), item_set) is None:
        kind = _PING_TEXT.match(own_text).group(1).lower()
    name, url = _author(item, item_set, kind)
    pending = _find(item, ("comment-awaiting-moderation",), item_set) is not None
    return Comment(id=number, parent=parent, type=kind, author_name=name, author_url=url,
                   status="pending" if pending else "approved",
                   date=_date(item, item_set), content=_content(item, item_set, kind))


def _dl_comment(term: HtmlElement, number: int, parent: int | None) -> Comment:
    """A comment of a ``<dl>`` thread: ``<dt>`` holds the author and time, the ``<dd>`` after it the text."""
    text = term.getnext()
    while text is not None and not isinstance(text.tag, str):
        text = text.getnext()
    holder = _find(term, _AUTHOR_SELECTORS, {})
    if holder is None:
        holder = next((a for a in term.iter("a") if a.get("href")), None)
    name = text_of(holder) if holder is not None else re.split(r"\s+[—–-]\s+|\s+(?:says|sagt|said)\b",
                                                               text_of(term))[0]
    url = next((a.get("href", "") for a in ([holder] if holder is not None and holder.tag == "a" else [])
                + list(holder.iter("a") if holder is not None else [])), "")
    kind = "pingback" if _PING_TEXT.match(text_of(term)) else "comment"
    return Comment(id=number, parent=parent, type=kind, author_name=clean_text(name), author_url=url,
                   date=_date(term, {}) or parse_text(text_of(term)),
                   content=inner_html(text) if text is not None and text.tag == "dd" else "")


def _in_ping_list(item: HtmlElement) -> bool:
    """Whether the item sits in a separate list of pings (``ol.pinglist``, ``#trackbacks``)."""
    for level, parent in enumerate(ancestors(item)):
        if level > 2:
            return False
        marks = " ".join([parent.get("id", ""), parent.get("class", "")]).lower()
        if "ping" in marks or "trackback" in marks:
            return True
    return False


def _author(item: HtmlElement, item_set: dict[int, int], kind: str) -> tuple[str, str]:
    holder = _find(item, _AUTHOR_SELECTORS, item_set)
    if kind != "comment" and (holder is None or not text_of(holder)):
        for anchor in item.iter("a"):
            if _own(anchor, item, item_set) and anchor.get("href") and not has_class(anchor, "comment-edit-link"):
                return text_of(anchor), anchor.get("href", "")
    if holder is None:
        return "", ""
    fn = _find(holder, ("fn",), {}) if not has_class(holder, "fn") else holder
    holder_for_name = fn if fn is not None else holder
    name = text_of(holder_for_name, skip=lambda e: has_class(e, "says", "screen-reader-text", "avatar",
                                                              "post-author-badge", "comment-author-badge"))
    name = re.sub(r"\s*(says|sagt|dit|dice|schreibt|said)\s*:?\s*$", "", name, flags=re.IGNORECASE).strip()
    url = ""
    for anchor in [*holder_for_name.iter("a"), *[a for a in ancestors(holder_for_name) if a.tag == "a"]]:
        if anchor.get("href") and ("url" in classes(anchor) or "external" in (anchor.get("rel") or "")
                                   or "ugc" in (anchor.get("rel") or "")):
            url = anchor.get("href", "")
            break
    if not url:
        for anchor in holder.iter("a"):
            if anchor.get("href") and "#comment-" not in anchor.get("href", ""):
                url = anchor.get("href", "")
                break
    return name, url


def _date(item: HtmlElement, item_set: dict[int, int]) -> datetime | None:
    for element in item.iter("time"):
        if _own(element, item, item_set):
            value = parse_iso(element.get("datetime"))
            if value is not None:
                return value
    holder = _find(item, ("comment-metadata", "comment-meta", "commentmetadata", "comment-date",
                          "wp-block-comment-date", "comment-time"), item_set)
    if holder is not None:
        return parse_text(text_of(holder))
    return None


def _content(item: HtmlElement, item_set: dict[int, int], kind: str) -> str:
    holder = _find(item, _TEXT_SELECTORS, item_set)
    if holder is None:
        holder = _find_suffix(item, _TEXT_SUFFIXES, item_set)
    if holder is None:
        if kind != "comment":
            return ""
        holder = item
    html = inner_html(_without_replies_and_meta(holder, item_set))
    if kind == "comment" and not text_of(lxml_html.fragment_fromstring(html or "<p></p>", create_parent="div")):
        html = _text_in_author_block(item, item_set)
    if kind != "comment" and _PING_TEXT.match(text_of(lxml_html.fragment_fromstring(html or "<p></p>",
                                                                                    create_parent="div"))):
        return ""  # core and old themes print only "Pingback: <link>" for pings, not their excerpt
    return html


def _text_in_author_block(item: HtmlElement, item_set: dict[int, int]) -> str:
    """The paragraphs of a comment a theme prints inside its ``.comment-author`` block."""
    block = _find(item, ("comment-author",), item_set)
    if block is None:
        return ""
    tags = ("p", "blockquote", "ul", "ol", "pre")
    paragraphs = []
    for element in block.iter(*tags):
        parent = element.getparent()
        while parent is not None and parent is not block and parent.tag not in tags:
            parent = parent.getparent()
        if parent is block:  # not nested in another paragraph or list of the block
            paragraphs.append(element)
    return "".join(lxml_html.tostring(p, encoding="unicode", with_tail=False) for p in paragraphs)


def _find_suffix(item: HtmlElement, suffixes: tuple[str, ...], item_set: dict[int, int]) -> HtmlElement | None:
    """An own element whose class ends like a comment text class (``social-comment-body``)."""
    for element in item.iter():
        if isinstance(element.tag, str) and any(t.endswith(suffixes) for t in classes(element)) \
                and _own(element, item, item_set):
            return element
    return None


def _without_replies_and_meta(holder: HtmlElement, item_set: dict[int, int]) -> HtmlElement:
    marked = [e for e in holder.iter() if id(e) in item_set and e is not holder]
    holder_copy = copy.deepcopy(holder)
    originals = list(holder.iter())
    copies = list(holder_copy.iter())
    doomed = []
    for original, duplicate in zip(originals, copies):
        if original is holder:
            continue
        if original in marked or (isinstance(original.tag, str) and (
                original.tag in ("ol", "ul") and has_class(original, "children")
                or has_class(original, *_META_PARTS) or original.tag in ("form", "script"))):
            doomed.append(duplicate)
    for element in doomed:
        if element.getparent() is not None:
            take_out(element)
    return holder_copy


def _heading_count(root: HtmlElement) -> int | None:
    """The number in a heading such as "2 Responses to ..." or "One thought on ..."."""
    for heading in root.iter("h1", "h2", "h3", "h4"):
        text = clean_text(text_of(heading))
        match = _COUNT_HEADING.match(text)
        if match and not inside(heading, lambda e: has_class(e, "widget", "widget-title")):
            word = match.group(1).lower()
            return whole_number(word) if word[:1].isdigit() else _NUMBER_WORDS.get(word)
    return None
