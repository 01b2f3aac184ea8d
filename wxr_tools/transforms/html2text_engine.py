"""html2text (pure Python) as the HTML-to-Markdown engine, set up for CommonMark.

The project's original converter, for platforms where html-to-markdown has no
wheel or for users who choose it. Options: no line wrapping, inline links
(a ``#fragment`` link kept), Unicode kept as is, ``*`` for emphasis and
bullets, ``<sub>``/``<sup>`` kept as HTML, ``<abbr>`` as its text (no
Markdown Extra definitions), tables between pipes. html2text escapes little
of the text and nothing that came from an entity, so text is escaped here
instead, as CommonMark reads it: ``*``, backticks, a backslash before
punctuation, a ``|`` inside a table (as ``&#124;``), and at the start of a
line ``#``, ``>``, list markers, ``=``/``-`` underlines and ``~~~`` fences.
Over-escaping is harmless (a backslash before punctuation shows the
punctuation); bare URLs keep their underscores.
"""

from __future__ import annotations

import re
from html.entities import html5

import html2text

_ESCAPE_RE = re.compile(r"\\(?=[!-/:-@\[-`{-~])|[*`]")
_LINE_START_RE = re.compile(r"^(?:([#>+=~-])|(\d{1,9})([.)])(?=\s|$))")
# Text never starts a line with ">" or "*" (escaped above): these are html2text's quotes and rules.
_NESTED_QUOTE_RE = re.compile(r"^( *)(>>+) ?", re.M)
_RULE_RE = re.compile(r"^([ >]*)\* \* \*$", re.M)
# "<![x" other than CDATA: a bogus comment to a browser (hidden up to ">"), an AssertionError to Python's
# html.parser before 3.13.
_MARKED_SECTION_RE = re.compile(r"<!\[(?!cdata\[)[^>]*>?", re.I)
_NAMED_REFERENCE_RE = re.compile(r"&[A-Za-z][A-Za-z0-9]*;?")


def _escape_line_start(m: re.Match[str]) -> str:
    if m.group(1):
        return f"\\{m.group(1)}"
    return f"{m.group(2)}\\{m.group(3)}"


class _CommonMarkConverter(html2text.HTML2Text):
    """html2text with our options and our escaping of text (one instance per conversion: it keeps state)."""

    def __init__(self) -> None:
        super().__init__(out=self._write, bodywidth=0)
        self.unicode_snob = True  # “quotes” and é stay, not ASCII look-alikes
        self.inline_links = True
        self.protect_links = False
        self.wrap_links = False
        self.skip_internal_links = False  # an in-page link stays a link
        self.use_automatic_links = True
        self.emphasis_mark = "*"  # "_" does not work inside words
        self.strong_mark = "**"
        self.ul_item_mark = "*"
        self.include_sup_sub = True  # as raw HTML, as the other engine keeps them
        self.pad_tables = True  # rows between pipes: a one-column table is not read as a heading
        self.tables = 0
        self.marking_item = False

    def _write(self, text: str) -> None:
        """Output, with the lines of a list item's later paragraphs (html2text starts them at the margin,
        which ends the list) indented to the item's content."""
        if self.list and not self.marking_item and self.list_code_indent:
            if self.lastWasNL and text and text[0] != "\n":
                text = self.list_code_indent + text
            text = text.replace("\n", "\n" + self.list_code_indent)
        self.outtextf(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "abbr":
            return
        if tag == "table":
            self.tables += 1
        elif tag == "a":  # a space would end the link's destination
            attrs = [(k, v.replace(" ", "%20") if k == "href" and v else v) for k, v in attrs]
        elif tag == "li":
            self.marking_item = True
            super().handle_starttag(tag, attrs)
            self.marking_item = False
            if self.list and self.list[-1].name == "ol":  # "10. " is wider than html2text's three spaces
                self.list_code_indent = self.list_code_indent[:-3] + " " * (len(str(self.list[-1].num)) + 2)
            return
        super().handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "abbr":
            return
        if tag == "table" and self.tables:
            self.tables -= 1
        super().handle_endtag(tag)

    def _at_line_start(self) -> bool:
        """Whether text now may start a line (or a list item, a quote): a line break pending, a block
        just opened, or nothing but a marker or a space written since (over-escaping is harmless)."""
        if self.p_p or self.start or self.lastWasNL or not self.outtextlist:
            return True
        return self.outtextlist[-1][-1:] in ("", " ")

    def handle_data(self, data: str, entity_char: bool = False) -> None:
        """Text escaped our way (also text from an entity, which html2text leaves bare), then html2text's
        handling without its own escaping; no space forced between emphasis and the text after it."""
        self.preceding_stressed = False
        if data and not (self.code or self.pre or data == self.maybe_automatic_link):
            data = _ESCAPE_RE.sub(r"\\\g<0>", data)
            if self.tables:  # an escaped "|" would still split the cell where html2text lays out the table
                data = data.replace("|", "&#124;")
            if self._at_line_start():  # a space there shows nothing (html2text would put it after a quote's ">")
                data = _LINE_START_RE.sub(_escape_line_start, data.lstrip(), count=1)
        super().handle_data(data, entity_char=True)


def _nested_quote(m: re.Match[str]) -> str:
    return m.group(1) + "> " * len(m.group(2))


def _escape_bare_ampersand(m: re.Match[str]) -> str:
    """``&name`` kept where it names a character (``&copy;``, or ``&copy`` that HTML also reads), else
    ``&amp;name``: html.parser hands html2text the name without its ``;``, and html2text writes any
    unknown one back with a ``;`` (``AT&T rocks`` came out ``AT&T; rocks``) or drops it at the end."""
    reference = m.group(0)[1:]
    return m.group(0) if reference in html5 else "&amp;" + reference


def convert(html_text: str) -> str:
    """Prepared HTML to Markdown with html2text; nested quotes as ``> >`` and rules as ``---``, as the
    other engine writes them."""
    if "<![" in html_text:
        html_text = _MARKED_SECTION_RE.sub("", html_text)
    if "&" in html_text:
        html_text = _NAMED_REFERENCE_RE.sub(_escape_bare_ampersand, html_text)
    try:
        markdown = _CommonMarkConverter().handle(html_text)
    except IndexError:  # html2text's table layout fails on some nested tables: keep them unpadded
        plain = _CommonMarkConverter()
        plain.pad_tables = False
        markdown = plain.handle(html_text)
    if ">>" in markdown:
        markdown = _NESTED_QUOTE_RE.sub(_nested_quote, markdown)
    if "* * *" in markdown:
        markdown = _RULE_RE.sub(r"\1---", markdown)
    return markdown
