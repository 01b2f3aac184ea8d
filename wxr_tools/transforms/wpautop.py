"""A faithful port of WordPress's ``wpautop()``: blank lines in classic content become paragraphs.

Ported from WordPress 6.8 ``wp-includes/formatting.php`` (``wpautop``,
``wp_replace_in_html_tags``, ``wp_html_split``, ``get_html_split_regex``,
``_autop_newline_preservation_helper``). PHP's PCRE without the ``u`` flag
treats ``\\s`` as ASCII whitespace, hence ``re.ASCII`` throughout.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from operator import itemgetter

_A = re.ASCII

# Replacements computed in C. Python 3.11 expands a template such as r"\1\n\n" in
# Python code for every match, and these run on every classic post. (Patterns keep a
# literal first character: one that starts with a look-around is tried at every position.)
_GROUP_1 = itemgetter(1)
_MATCH_THEN_BLANK_LINE = "{0[0]}\n\n".format

# get_html_split_regex(): PHP's conditional group (?(?=!-)...) rewritten as two
# guarded alternatives; its possessive loops have unambiguous bodies, so plain
# loops match the same text in linear time.
_COMMENT = r"!(?:-(?!->)[^\-]*)*(?:-->)?"
_CDATA = r"!\[CDATA\[[^\]]*(?:](?!]>)[^\]]*)*(?:]]>)?"
HTML_SPLIT_RE = re.compile(
    r"(<(?:(?=!--)" + _COMMENT + r"|(?=!\[CDATA\[)" + _CDATA + r"|[^>]*>?))"
)

_ALLBLOCKS = (
    r"(?:table|thead|tfoot|caption|col|colgroup|tbody|tr|td|th|div|dl|dd|dt|ul|ol|li|pre"
    r"|form|map|area|blockquote|address|style|p|h[1-6]|hr|fieldset|legend|section|article"
    r"|aside|hgroup|header|footer|nav|figure|figcaption|details|menu|summary)"
)

_DOUBLE_BR = re.compile(r"<br\s*/?>\s*<br\s*/?>", _A)
_BLOCK_OPEN = re.compile(r"<(?=" + _ALLBLOCKS + r"[\s/>])", _A)  # "\n\n" goes before the tag
_BLOCK_CLOSE = re.compile(r"</" + _ALLBLOCKS + r">", _A)
_HR = re.compile(r"<hr\s*?/?>", _A)
_OPTION_BEFORE = re.compile(r"\s*<option", _A)
_OPTION_AFTER = re.compile(r"</option>\s*", _A)
_OBJECT_OPEN = re.compile(r"(<object[^>]*>)\s*", _A)
_OBJECT_CLOSE = re.compile(r"\s*</object>", _A)
_PARAM_EMBED = re.compile(r"\s*(</?(?:param|embed)[^>]*>)\s*", _A)
_MEDIA_OPEN = re.compile(r"([<\[](?:audio|video)[^>\]]*[>\]])\s*", _A)
_MEDIA_CLOSE = re.compile(r"\s*([<\[]/(?:audio|video)[>\]])", _A)
_SOURCE_TRACK = re.compile(r"\s*(<(?:source|track)[^>]*>)\s*", _A)
_FIGCAPTION_OPEN = re.compile(r"\s*(<figcaption[^>]*>)", _A)
_FIGCAPTION_CLOSE = re.compile(r"</figcaption>\s*", _A)
_MANY_NEWLINES = re.compile(r"\n\n+")
_PARAGRAPH_SPLIT = re.compile(r"\n\s*\n", _A)
_EMPTY_P = re.compile(r"<p>\s*</p>", _A)
_MISSING_CLOSE_P = re.compile(r"<p>([^<]+)</(div|address|form)>")
_P_WRAPPED_BLOCK = re.compile(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>", _A)
_P_WRAPPED_LI = re.compile(r"<p>(<li.+?)</p>")
_P_BLOCKQUOTE = re.compile(r"<p><blockquote([^>]*)>", re.I)
_P_BEFORE_BLOCK = re.compile(r"<p>\s*(</?" + _ALLBLOCKS + r"[^>]*>)", _A)
_P_AFTER_BLOCK = re.compile(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*</p>", _A)
_PRESERVE = re.compile(r"<(script|style|svg|math).*?</\1>", re.S)
# WordPress's (?<!<br />)\s*\n, written to start with a character class so the regex
# engine can skip ahead (its look-behind moved after the first character, one wider);
# it matches the same text (up to the last newline of the run).
_NEWLINE_TO_BR = re.compile(r"[ \t\n\r\f\v](?<!<br />[ \t\n\r\f\v])[ \t\n\r\f\v]*(?<=\n)")
_BR_AFTER_BLOCK = re.compile(r"(</?" + _ALLBLOCKS + r"[^>]*>)\s*<br />", _A)
_BR_BEFORE_BLOCK = re.compile(r"<br />(\s*</?(?:p|li|div|dl|dd|dt|th|pre|td|ul|ol)[^>]*>)", _A)
_TRAILING_NEWLINE_P = re.compile(r"\n</p>$")

_PHP_TRIM = " \t\n\r\0\x0b"


_SEGMENT_CHARS = 1 << 20
"""Text longer than this is worked through a MB at a time where a whole-body list would be huge."""
_NOT_SPACE = re.compile(r"\S")


def html_split(text: str) -> list[str]:
    """``wp_html_split()``: text and tags (comments, CDATA) alternating, text first."""
    return HTML_SPLIT_RE.split(text)


def replace_in_html_tags(text: str, needle: str, replacement: str) -> str:
    """``wp_replace_in_html_tags()`` for one pair: replace only inside tags and comments.

    A body of over a MB has only the tags holding ``needle`` cut out and joined again, not every
    tag split apart (two million strings for a body of 50 MB); smaller ones are split at C speed.
    """
    if needle not in text:
        return text
    if len(text) <= _SEGMENT_CHARS:
        parts = html_split(text)
        changed = False
        for i in range(1, len(parts), 2):
            if needle in parts[i]:
                parts[i] = parts[i].replace(needle, replacement)
                changed = True
        return "".join(parts) if changed else text
    pieces: list[str] = []
    done = 0
    for tag in HTML_SPLIT_RE.finditer(text):
        if needle in tag.group(0):
            pieces += (text[done:tag.start()], tag.group(0).replace(needle, replacement))
            done = tag.end()
    return "".join([*pieces, text[done:]]) if pieces else text


def _preserve_newlines(match: re.Match[str]) -> str:
    return match.group(0).replace("\n", "<WPPreserveNewline />")


def _wrapped_paragraphs(text: str) -> Iterator[str]:
    """Each paragraph (blank-line separated) in ``<p>``, a segment of about a MB at a time: a 50 MB body
    is not held as half a million paragraphs twice over."""
    start = 0
    while start < len(text):
        end = len(text)
        if end - start > _SEGMENT_CHARS:
            text_at = _NOT_SPACE.search(text, start + _SEGMENT_CHARS)  # a separator found from here is whole
            separator = _PARAGRAPH_SPLIT.search(text, text_at.start()) if text_at else None
            if separator is not None:
                end = separator.start()
        yield "".join(["<p>" + p.strip("\n") + "</p>\n" for p in _PARAGRAPH_SPLIT.split(text[start:end]) if p])
        start = end


def wpautop(text: str, br: bool = True) -> str:
    """Replace double line breaks with paragraphs, and single ones with ``<br />`` when ``br``."""
    if text.strip(_PHP_TRIM) == "":
        return ""
    text += "\n"

    pre_tags: dict[str, str] = {}
    if "<pre" in text:
        parts = text.split("</pre>")
        last = parts.pop()
        pieces = []
        for part in parts:
            start = part.find("<pre")
            if start == -1:  # Malformed HTML.
                pieces.append(part)
                continue
            name = f"<pre wp-pre-tag-{len(pre_tags)}></pre>"
            pre_tags[name] = part[start:] + "</pre>"
            pieces.append(part[:start] + name)
        pieces.append(last)
        text = "".join(pieces)

    if "<br" in text:
        text = _DOUBLE_BR.sub("\n\n", text)
    text = _BLOCK_OPEN.sub("\n\n<", text)
    text = _BLOCK_CLOSE.sub(_MATCH_THEN_BLANK_LINE, text)
    if "<hr" in text:
        text = _HR.sub(_MATCH_THEN_BLANK_LINE, text)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = replace_in_html_tags(text, "\n", " <!-- wpnl --> ")

    if "<option" in text:
        text = _OPTION_BEFORE.sub("<option", text)
        text = _OPTION_AFTER.sub("</option>", text)
    if "</object>" in text:
        text = _OBJECT_OPEN.sub(_GROUP_1, text)
        text = _OBJECT_CLOSE.sub("</object>", text)
        text = _PARAM_EMBED.sub(_GROUP_1, text)
    if "<source" in text or "<track" in text:
        text = _MEDIA_OPEN.sub(_GROUP_1, text)
        text = _MEDIA_CLOSE.sub(_GROUP_1, text)
        text = _SOURCE_TRACK.sub(_GROUP_1, text)
    if "<figcaption" in text:
        text = _FIGCAPTION_OPEN.sub(_GROUP_1, text)
        text = _FIGCAPTION_CLOSE.sub("</figcaption>", text)

    text = _MANY_NEWLINES.sub("\n\n", text)
    text = "".join(_wrapped_paragraphs(text))

    text = _EMPTY_P.sub("", text)
    if "</div>" in text or "</address>" in text or "</form>" in text:
        text = _MISSING_CLOSE_P.sub(r"<p>\1</p></\2>", text)
    text = _P_WRAPPED_BLOCK.sub(_GROUP_1, text)
    if "<li" in text:
        text = _P_WRAPPED_LI.sub(_GROUP_1, text)
    text = _P_BLOCKQUOTE.sub(r"<blockquote\1><p>", text)
    text = text.replace("</blockquote></p>", "</p></blockquote>")
    text = _P_BEFORE_BLOCK.sub(_GROUP_1, text)
    text = _P_AFTER_BLOCK.sub(_GROUP_1, text)

    if br:
        if "<script" in text or "<style" in text or "<svg" in text or "<math" in text:
            text = _PRESERVE.sub(_preserve_newlines, text)
        text = text.replace("<br>", "<br />").replace("<br/>", "<br />")
        text = _NEWLINE_TO_BR.sub("<br />\n", text)
        text = text.replace("<WPPreserveNewline />", "\n")

    if "<br />" in text:
        text = _BR_AFTER_BLOCK.sub(_GROUP_1, text)
        text = _BR_BEFORE_BLOCK.sub(_GROUP_1, text)
    text = _TRAILING_NEWLINE_P.sub("</p>", text)

    for name, original in pre_tags.items():
        text = text.replace(name, original)

    if "<!-- wpnl -->" in text:
        text = text.replace(" <!-- wpnl --> ", "\n").replace("<!-- wpnl -->", "\n")
    return text
