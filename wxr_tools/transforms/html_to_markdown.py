"""HTML to Markdown, set up for fidelity, with either engine of :mod:`.engines`.

An engine (html-to-markdown by default, or html2text) does the prose. Before
it runs, an lxml pass takes out what must reach the Markdown byte for byte and
puts a placeholder in its place, filled in afterwards, whichever engine converts:

* ``<pre>`` becomes fenced code holding the element's text byte for byte
  (language from ``language-*``/``lang-*`` classes or SyntaxHighlighter's
  ``brush:``), and inline ``<code>`` a backtick span: nothing escaped inside.
* ``<img>`` keeps its alt text and title; ``<figcaption>`` becomes a paragraph
  under its image; ``<address>`` a paragraph (its ``<br>`` kept); ``<sup>``
  and ``<sub>`` stay as HTML. Nothing is dropped for being hidden, and a
  quote's ``cite`` URL, which Markdown has no place for, becomes a "— <url>" line.
  No-break spaces stay no-break spaces (paragraphs holding nothing else go).
* ``<video>``, ``<audio>``, ``<object>`` and ``<embed>`` become links to their source.
* A ``<`` in text stays ``&lt;``, and an ``&`` before something entity-like
  ``&amp;``, so text about HTML never turns into HTML.

Unsafe HTML follows :data:`UNSAFE_POLICIES`; the default, ``drop``, never
publishes script:

* ``drop``: ``<script>``, ``<style>``, ``<noscript>`` and forms (with their
  controls and labels) are removed; ``<iframe>`` becomes a link to its ``src``.
* ``link``: as ``drop``, but a script with ``src`` and a form with
  ``action`` become links to them.
* ``keep``: all of them stay as raw HTML, for sites that trust their content.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

import lxml.etree
import lxml.html

from ..html_tree import drop_non_xml, take_out
from .engines import DEFAULT_CONVERTER, engine as engine_named
from .html_pieces import top_level_pieces

UNSAFE_POLICIES = ("drop", "keep", "link")

# Placeholder marks are Unicode noncharacters, which no text may carry; input is cleared of them.
TOKEN_OPEN, TOKEN_CLOSE = "\ufdd0", "\ufdd1"
_LT, _AMP, _NBSP = "\ufdd2", "\ufdd4", "\ufdd5"
RESERVED_RE = re.compile("[\ufdd0-\ufdd5]")
_NBSP_RE = re.compile("&nbsp;|&#0*160;|&#x0*a0;|\xa0", re.I)
_NBSP_ONLY_LINE_RE = re.compile("^[ \t\ufdd5]+$", re.M)
_TOKEN_RE = re.compile("\ufdd0(\\d+)\ufdd1")
_LINE_TOKEN_RE = re.compile("^(.*?)\ufdd0(\\d+)\ufdd1[ \t]*$", re.M)
_LANGUAGE_RE = re.compile(r"(?:^|\s)(?:language|lang)-([\w+#.-]+)|brush:\s*([\w+#.-]+)|(?:^|\s)lang:([\w+#.-]+)")
_BACKTICKS_RE = re.compile(r"`+")
_TEXT_ESCAPES = r"&lt;|&#0*60;|&#x0*3c;|<(?![a-z/!?])|&amp;#?\w+;"
"""A "<" that is text (written raw or as an entity), or an entity written as text."""
_TEXT_ESCAPES_RE = re.compile(_TEXT_ESCAPES)  # matched on the lower-cased HTML
_NEEDS_TREE_RE = re.compile(  # tags _prepare() rewrites, or text it escapes
    r"<(?:pre|code|kbd|tt|img|figcaption|address|video|audio|object|embed|iframe|script|style|noscript|form)\b|"
    + _TEXT_ESCAPES, re.I)
_ENTITY_LIKE_RE = re.compile(r"&(?=#?\w+;)")
_BLANK_LINES_RE = re.compile(r"\n{3,}")
_TRAILING_SPACE_RE = re.compile(r"[ \t]+$", re.M)
_QUOTE_AFTER_TEXT_RE = re.compile(r"^([^>\n].*)\n(?=>)", re.M)


class Placeholders:
    """Text that must reach the Markdown untouched: kept aside, marked by a token in the HTML."""

    def __init__(self) -> None:
        self.values: list[tuple[str, bool]] = []
        self.own: set[str] = set()
        """Markup we wrote for the target (its shortcodes): never escaped as literal template text."""

    def add(self, markdown: str, block: bool = False) -> str:
        """Keep ``markdown`` aside and return the token that stands for it.

        A ``block`` goes on lines of its own, prefixed like its token's line
        (the indent of a list item, a quote's ``>``).
        """
        self.values.append((markdown, block))
        return f"{TOKEN_OPEN}{len(self.values) - 1}{TOKEN_CLOSE}"

    def add_own(self, markup: str, block: bool = False) -> str:
        """Keep aside markup written for the target generator (a shortcode), remembered as ours."""
        self.own.add(markup)
        return self.add(markup, block)

    def restore(self, markdown: str) -> str:
        """Put every kept text back; block texts get the line prefix (quote, list indent) of their token."""
        if not self.values:
            return markdown

        def block_line(m: re.Match[str]) -> str:
            text, block = self.values[int(m.group(2))]
            if not block:
                return m.group(0)
            prefix = m.group(1)
            if prefix.strip(" >") == "":
                return "\n".join((prefix + line).rstrip() if not line else prefix + line
                                 for line in text.split("\n"))
            pad = " " * len(prefix)
            return prefix.rstrip() + "\n\n" + "\n".join(pad + line if line else "" for line in text.split("\n"))

        blocks = any(block for _, block in self.values)  # else no line needs its prefix (most bodies)
        for _ in range(3):  # placeholders may hold placeholders (e.g. raw HTML with an image)
            if blocks:
                markdown = _LINE_TOKEN_RE.sub(block_line, markdown)
            markdown = _TOKEN_RE.sub(lambda m: self.values[int(m.group(1))][0], markdown)
            if TOKEN_OPEN not in markdown:
                break
        return markdown


def fence(code: str, language: str = "") -> str:
    """A fenced code block holding ``code`` exactly, with a fence longer than any backtick run in it."""
    longest = max((len(run) for run in _BACKTICKS_RE.findall(code)), default=0)
    marker = "`" * max(3, longest + 1)
    body = code if code.endswith("\n") or not code else code + "\n"
    return f"{marker}{language}\n{body}{marker}"


def code_span(code: str) -> str:
    """An inline code span holding ``code`` exactly."""
    longest = max((len(run) for run in _BACKTICKS_RE.findall(code)), default=0)
    marker = "`" * (longest + 1)
    # CommonMark strips one space from each end of a span that has both: pad to keep them.
    needs_pad = code[:1] == "`" or code[-1:] == "`" or (code[:1] == " " and code[-1:] == " " and code.strip())
    pad = " " if needs_pad else ""
    return f"{marker}{pad}{code}{pad}{marker}"


def element_text(element: lxml.html.HtmlElement) -> str:
    """The text a browser shows for ``element`` in preformatted context: tags dropped, ``<br>`` as newline."""
    parts: list[str] = []

    def walk(node: lxml.html.HtmlElement) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            if isinstance(child.tag, str):
                if child.tag == "br":
                    parts.append("\n")
                else:
                    walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)


def code_language(element: lxml.html.HtmlElement) -> str:
    """The language a code element names (``data-language``, ``language-x``/``lang-x`` classes,
    ``brush: x``), on itself or on a ``<code>`` inside it, or ``""``."""
    for node in (element, *element.iter("code")):
        if node.get("data-language"):
            return node.get("data-language").strip()
        m = _LANGUAGE_RE.search(node.get("class") or "")
        if m:
            return next(g for g in m.groups() if g)
    return ""


def _link(url: str, label: str = "") -> str:
    return f'<p><a href="{html.escape(url)}">{html.escape(label or url)}</a></p>'


def _media_source(element: lxml.html.HtmlElement) -> str:
    for candidate in (element, *element.iter("source")):
        for attribute in ("src", "data"):
            if candidate.get(attribute):
                return candidate.get(attribute)
    return ""


def _swap_for_html(element: lxml.html.HtmlElement, markup: str) -> None:
    """Replace ``element`` by the parsed ``markup`` (a link, say)."""
    new = lxml.html.fragment_fromstring(markup)
    new.tail = element.tail
    element.getparent().replace(element, new)


_OUTER_PRE = lxml.etree.XPath("//pre[not(ancestor::pre)]")
_OUTER_CODE = lxml.etree.XPath("//*[self::code or self::kbd or self::tt]"
                               "[not(ancestor::code or ancestor::kbd or ancestor::tt)]")
_MEDIA = lxml.etree.XPath("//*[self::video or self::audio or self::object or self::embed]"
                          "[not(ancestor::video or ancestor::audio or ancestor::object)]")
_UNSAFE = lxml.etree.XPath("//*[self::script or self::style or self::noscript or self::form]"
                           "[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::form)]")
_TEXT_TO_ESCAPE = lxml.etree.XPath("//text()[contains(., '<') or contains(., '&')]")


def _take_out_code(root: lxml.html.HtmlElement, keep: Placeholders) -> None:
    """``<pre>`` to fenced code and ``<code>``/``<kbd>``/``<tt>`` to code spans, exactly."""
    for pre in _OUTER_PRE(root):
        text = element_text(pre)
        if text.startswith("\n"):
            text = text[1:]  # HTML drops a newline right after <pre>
        replacement = lxml.html.Element("p")
        replacement.text = keep.add(fence(text, code_language(pre)), block=True)
        replacement.tail = pre.tail
        pre.getparent().replace(pre, replacement)
    for code in _OUTER_CODE(root):
        take_out(code, keep.add(code_span(element_text(code))))


def _take_out_images(root: lxml.html.HtmlElement, keep: Placeholders) -> None:
    """``<img>`` to Markdown images with alt text and title."""
    for img in list(root.iter("img")):
        src = img.get("src") or img.get("data-src") or ""
        if not src:
            take_out(img)
            continue
        alt = (img.get("alt") or "").replace("[", "\\[").replace("]", "\\]")
        target = src.replace(" ", "%20").replace("(", "%28").replace(")", "%29")
        title = img.get("title") or ""
        if title:
            target += ' "' + title.replace('"', '\\"') + '"'
        take_out(img, keep.add(f"![{alt}]({target})"))


def _media_to_links(root: lxml.html.HtmlElement, keep: Placeholders, unsafe_html: str) -> None:
    """Audio, video, objects and (unless kept) iframes to links to what they show."""
    for media in _MEDIA(root):
        source = _media_source(media)
        _swap_for_html(media, _link(source)) if source else take_out(media)
    for iframe in list(root.iter("iframe")):
        if unsafe_html == "keep":
            take_out(iframe, keep.add(_raw(iframe), block=True))
        elif iframe.get("src"):
            _swap_for_html(iframe, _link(iframe.get("src")))
        else:
            take_out(iframe)


def _apply_unsafe_policy(root: lxml.html.HtmlElement, keep: Placeholders, unsafe_html: str) -> None:
    """Scripts, styles and forms: dropped, linked or kept raw, as the policy says."""
    for element in _UNSAFE(root):
        if unsafe_html == "keep":
            take_out(element, keep.add(_raw(element), block=True))
            continue
        target = {"script": element.get("src"), "form": element.get("action")}.get(element.tag)
        if unsafe_html == "link" and target:
            _swap_for_html(element, _link(target))
        else:
            take_out(element)


def _prepare(root: lxml.html.HtmlElement, keep: Placeholders, unsafe_html: str, lower: str) -> None:
    """Take out of the tree what must reach the Markdown exactly, leaving placeholders.

    ``lower`` is the HTML in lower case: a step runs only when its tags occur.
    """
    if "<pre" in lower or "<code" in lower or "<kbd" in lower or "<tt" in lower:
        _take_out_code(root, keep)
    if "<img" in lower:
        _take_out_images(root, keep)
    if "<figcaption" in lower or "<address" in lower:
        for element in root.iter("figcaption", "address"):
            element.tag = "p"
    if any(tag in lower for tag in ("<video", "<audio", "<object", "<embed", "<iframe")):
        _media_to_links(root, keep, unsafe_html)
    if any(tag in lower for tag in ("<script", "<style", "<noscript", "<form")):
        _apply_unsafe_policy(root, keep, unsafe_html)
    if not _TEXT_ESCAPES_RE.search(lower):
        return
    for text in _TEXT_TO_ESCAPE(root):
        parent = text.getparent()
        if text.is_text:
            parent.text = _escape_text(parent.text)
        elif text.is_tail:
            parent.tail = _escape_text(parent.tail)


def _escape_text(text: str) -> str:
    """Mark a ``<`` and an ``&`` that starts something entity-like, so they come out as text."""
    return _ENTITY_LIKE_RE.sub(_AMP, text.replace("<", _LT))


_HTML_PARSER = lxml.html.HTMLParser(remove_comments=True)


def _parse_fragment(html_text: str) -> lxml.html.HtmlElement:
    """The fragment parsed as the content of ``<body>``, which is returned (comments dropped)."""
    document = lxml.etree.fromstring(f"<html><body>{html_text}</body></html>", _HTML_PARSER)
    body = document.find("body")
    if body is None:  # content that ends the document early, e.g. a stray "</html>"
        body = lxml.html.fragment_fromstring(html_text, create_parent="body")
    return body


def _raw(element: lxml.html.HtmlElement) -> str:
    tail, element.tail = element.tail, None
    markup = lxml.etree.tostring(element, encoding="unicode", method="html")
    element.tail = tail
    return markup


def _trim_line_end(m: re.Match[str]) -> str:
    """Keep a hard line break (two spaces after text), drop any other trailing blanks."""
    start = m.start()
    if m.end() - start >= 2 and start and not m.string[start - 1].isspace():
        return "  "
    return ""


def html_to_markdown(html_text: str, unsafe_html: str = "drop",
                     steps: Sequence[Callable[[str], str]] = (),
                     placeholders: Placeholders | None = None, *, engine: str = DEFAULT_CONVERTER) -> str:
    """Convert an HTML fragment to Markdown (see the module docstring for what is kept and how).

    ``steps`` are HTML-to-HTML functions run first; ``placeholders`` holds
    Markdown that earlier steps left as tokens in the HTML; ``engine`` names
    the converter (:data:`.engines.CONVERTERS`).
    """
    if unsafe_html not in UNSAFE_POLICIES:
        raise ValueError(f"unsafe_html must be one of {', '.join(UNSAFE_POLICIES)}, not {unsafe_html!r}")
    convert = engine_named(engine)
    if placeholders is None:
        placeholders = Placeholders()
        html_text = RESERVED_RE.sub("", html_text)
    if len(html_text) <= PIECE_CHARS:
        return _fragment_to_markdown(html_text, unsafe_html, steps, placeholders, convert)
    tree = bool(_NEEDS_TREE_RE.search(html_text))  # every piece takes the path the whole would take
    parts = (_fragment_to_markdown(piece, unsafe_html, steps, placeholders, convert, tree)
             for piece in top_level_pieces(html_text, PIECE_CHARS))
    return "\n".join([part for part in parts if part])  # each starts with text, ends with one newline


PIECE_CHARS = 1 << 20
"""HTML longer than this is converted a piece at a time (:func:`.html_pieces.top_level_pieces`): the
converter's tree of a 50 MB body would take several hundred MB."""


def _fragment_to_markdown(html_text: str, unsafe_html: str, steps: Sequence[Callable[[str], str]],
                          keep: Placeholders, convert: Callable[[str], str], tree: bool | None = None) -> str:
    """One fragment to Markdown; ``tree`` says whether to take it through lxml (None: if it needs to)."""
    for step in steps:
        html_text = step(html_text)
    if not html_text.strip():
        return ""
    html_text = drop_non_xml(html_text)  # control characters: nothing shows them, both parsers refuse them
    if "nbsp;" in html_text or "\xa0" in html_text or "&#" in html_text:
        html_text = _NBSP_RE.sub(_NBSP, html_text)  # the converter makes no-break spaces plain ones
    if tree if tree is not None else _NEEDS_TREE_RE.search(html_text):
        root = _parse_fragment(html_text)
        _prepare(root, keep, unsafe_html, html_text.lower())
        prepared = lxml.etree.tostring(root, encoding="unicode", method="html")
    else:  # nothing to take out: skip the tree (most bodies)
        prepared = html_text
    markdown = convert(prepared)
    if _NBSP in markdown:
        markdown = _NBSP_ONLY_LINE_RE.sub("", markdown)  # a spacer paragraph (<p>&nbsp;</p>) shows nothing
    if " \n" in markdown or "\t\n" in markdown or markdown.endswith((" ", "\t")):  # few bodies: skip the scan
        markdown = _TRAILING_SPACE_RE.sub(_trim_line_end, markdown)
    if "\n>" in markdown:
        markdown = _QUOTE_AFTER_TEXT_RE.sub("\\1\n\n", markdown)  # not every Markdown lets a quote interrupt a paragraph
    if "\n\n\n" in markdown:
        markdown = _BLANK_LINES_RE.sub("\n\n", markdown)
    markdown = keep.restore(markdown).replace(_LT, "&lt;").replace(_AMP, "&amp;").replace(_NBSP, "\xa0")
    return markdown.strip("\n") + "\n" if markdown.strip() else ""
