"""WordPress's shortcode grammar: find, parse, run and strip ``[tag attr="x"]...[/tag]``.

A port of WordPress 6.8 ``wp-includes/shortcodes.php`` (``get_shortcode_regex``,
``do_shortcode``, ``do_shortcode_tag``, ``do_shortcodes_in_html_tags``,
``shortcode_parse_atts``, ``strip_shortcodes``, ``has_shortcode``) and of
``shortcode_unautop`` (``formatting.php``). What a shortcode renders to is the
caller's business: :func:`do_shortcode` takes a mapping of tag names to
handlers. Deviations are listed in ``PORT.md``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache

from .wpautop import html_split

_A = re.ASCII

Atts = dict[str | int, str]
"""A PHP array as WordPress builds it: named attributes by lower-case name, positional ones by index."""


@dataclass(frozen=True)
class Shortcode:
    """One shortcode found in content: its tag, attributes and enclosed content."""

    tag: str
    atts: Atts
    content: str
    source: str
    """The whole matched text, e.g. ``[caption id="1"]...[/caption]``."""

    def get(self, name: str, default: str = "") -> str:
        """A named attribute's value, or ``default``."""
        return self.atts.get(name, default)

    def positional(self, index: int = 0) -> str:
        """The ``index``-th positional attribute, or ``""``."""
        return self.atts.get(index, "")


Handler = Callable[[Shortcode], str]

_CANDIDATE_RE = re.compile(r"\[([^<>&/\[\]\x00-\x20=]+)")
_ATTS_RE = re.compile(
    r"""([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)"""
    r"""|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)""",
    _A,
)
_UNICODE_SPACES_RE = re.compile("[\u00a0\u200b]+")
_BALANCED_TAGS_RE = re.compile(r"^[^<]*(?:<[^>]*>[^<]*)*$")
_CSLASH_RE = re.compile(r"\\(x[0-9A-Fa-f]{1,2}|[0-7]{1,3}|.)", re.S)
_CSLASH_MAP = {"n": "\n", "t": "\t", "r": "\r", "a": "\a", "v": "\v", "b": "\b", "f": "\f"}


def _cslash(match: re.Match[str]) -> str:
    code = match.group(1)
    if code[0] == "x" and len(code) > 1:
        return chr(int(code[1:], 16))
    if code[0] in "01234567":
        return chr(int(code, 8) & 0xFF)
    return _CSLASH_MAP.get(code, code)


def stripcslashes(text: str) -> str:
    """PHP's ``stripcslashes()``: undo C-style backslash escapes."""
    return _CSLASH_RE.sub(_cslash, text) if "\\" in text else text


@lru_cache(maxsize=256)
def shortcode_regex(tagnames: tuple[str, ...]) -> re.Pattern[str]:
    """``get_shortcode_regex()``: groups 1..6 as WordPress numbers them."""
    names = "|".join(re.escape(name) for name in tagnames)
    return re.compile(
        r"\[(\[?)(" + names + r")(?![\w-])"
        r"([^\]/]*(?:/(?!\])[^\]/]*)*?)"
        r"(?:(/)\]|\](?:"
        # Group 5: PHP's possessive loop as an atomic lookahead plus backreference.
        r"(?=((?:[^\[]*(?:\[(?!/\2\])[^\[]*)*)))\5"
        r"\[/\2\])?)"
        r"(\]?)",
        _A,
    )


def parse_atts(text: str) -> Atts:
    """``shortcode_parse_atts()``: named, quoted, unquoted and positional attributes."""
    text = _UNICODE_SPACES_RE.sub(" ", text)
    atts: Atts = {}
    position = 0
    for m in _ATTS_RE.finditer(text):
        if m.group(1):
            atts[m.group(1).lower()] = stripcslashes(m.group(2))
        elif m.group(3):
            atts[m.group(3).lower()] = stripcslashes(m.group(4))
        elif m.group(5):
            atts[m.group(5).lower()] = stripcslashes(m.group(6))
        else:
            value = next(g for g in (m.group(7), m.group(8), m.group(9)) if g is not None)
            atts[position] = stripcslashes(value)
            position += 1
    for key, value in atts.items():
        if "<" in value and not _BALANCED_TAGS_RE.match(value):
            atts[key] = ""  # Reject unclosed HTML elements.
    return atts


def candidate_tags(content: str) -> set[str]:
    """Every name that follows a ``[`` (what ``do_shortcode`` intersects with the registered tags)."""
    return set(_CANDIDATE_RE.findall(content)) if "[" in content else set()


def unescape_invalid_shortcodes(content: str) -> str:
    """``unescape_invalid_shortcodes()``: bring back brackets encoded inside HTML tags."""
    return content.replace("&#91;", "[").replace("&#93;", "]")


def do_shortcode(content: str, handlers: Mapping[str, Handler], ignore_html: bool = False,
                 verbatim: Callable[[str, str], str] | None = None,
                 verbatim_tags: Iterable[str] = ()) -> str:
    """``do_shortcode()``: replace each shortcode whose tag has a handler by the handler's output.

    Tags in ``verbatim_tags`` are matched too, but their whole text (escaping
    brackets included) goes to ``verbatim(text, tag)``, e.g. to keep and count
    shortcodes nothing knows how to render.
    """
    if "[" not in content:
        return content
    found = candidate_tags(content)
    keep = {tag for tag in verbatim_tags if tag in found and tag not in handlers}
    tagnames = tuple(tag for tag in handlers if tag in found) + tuple(sorted(keep))
    if not tagnames:
        return content

    def replace(m: re.Match[str]) -> str:
        tag = m.group(2)
        if tag in keep and verbatim is not None:
            return verbatim(m.group(0), tag)
        if m.group(1) == "[" and m.group(6) == "]":
            return m.group(0)[1:-1]
        shortcode = Shortcode(tag, parse_atts(m.group(3)), m.group(5) or "", m.group(0))
        return m.group(1) + handlers[tag](shortcode) + m.group(6)

    pattern = shortcode_regex(tagnames)
    content = _shortcodes_in_html_tags(content, ignore_html, pattern, replace)
    content = pattern.sub(replace, content)
    return unescape_invalid_shortcodes(content)


def strip_shortcodes(content: str, tagnames: Iterable[str]) -> str:
    """``strip_shortcodes()``: remove the given shortcodes (and what they enclose)."""
    if "[" not in content:
        return content
    found = candidate_tags(content)
    names = tuple(tag for tag in tagnames if tag in found)
    if not names:
        return content
    pattern = shortcode_regex(names)

    def strip(m: re.Match[str]) -> str:
        if m.group(1) == "[" and m.group(6) == "]":
            return m.group(0)[1:-1]
        return m.group(1) + m.group(6)

    content = _shortcodes_in_html_tags(content, True, pattern, strip)
    return unescape_invalid_shortcodes(pattern.sub(strip, content))


def has_shortcode(content: str, tag: str, registered: Iterable[str]) -> bool:
    """``has_shortcode()``: whether ``tag`` (a registered tag) is used, nested ones included."""
    names = tuple(registered)
    if "[" not in content or tag not in names:
        return False
    for m in shortcode_regex(names).finditer(content):
        if m.group(2) == tag or (m.group(5) and has_shortcode(m.group(5), tag, names)):
            return True
    return False


_SPACES = r"(?:[\r\n\t ]|\u00a0|&nbsp;)*"


@lru_cache(maxsize=64)
def _unautop_regex(tagnames: tuple[str, ...]) -> re.Pattern[str]:
    names = "|".join(re.escape(name) for name in tagnames)
    return re.compile(
        r"<p>" + _SPACES + r"(\[(" + names + r")(?![\w-])[^\]/]*(?:/(?!\])[^\]/]*)*?"
        r"(?:/\]|\](?:(?=((?:[^\[]*(?:\[(?!/\2\])[^\[]*)*)))\3\[/\2\])?))" + _SPACES + r"</p>",
        _A,
    )


def shortcode_unautop(content: str, tagnames: Iterable[str]) -> str:
    """``shortcode_unautop()``: unwrap shortcodes that wpautop put alone in a paragraph."""
    names = tuple(tagnames)
    if not names or "[" not in content:
        return content
    return _unautop_regex(names).sub(r"\1", content)


# --- Shortcodes inside HTML tags (do_shortcodes_in_html_tags) -------------------------

_ELEMENT_RE = re.compile(r"^(<\s*)(/\s*)?([a-zA-Z0-9]+\s*)([^>]*)(>?)$", _A)
_XHTML_SLASH_RE = re.compile(r"\s*/\s*$", _A)
_HAIR = (
    r"(?:[_a-zA-Z][-_a-zA-Z0-9:.]*|\[\[?[^\[\]]+\]\]?)"
    r"(?:\s*=\s*(?:\"[^\"]*\"|'[^']*'|[^\s\"']+(?:\s|$))|(?:\s|$))\s*"
)
_HAIR_VALID_RE = re.compile(r"^(?:" + _HAIR + r")+$", _A)
_HAIR_RE = re.compile(_HAIR, _A)
_PLUGIN_TAG_RE = re.compile(r"^<\s*\[\[?[^\[\]]+\]")
_BRACKETS = str.maketrans({"[": "&#91;", "]": "&#93;"})


def _kses_attr_parse(element: str) -> list[str] | None:
    """``wp_kses_attr_parse()``: [front, attribute..., back], or None when it cannot parse."""
    m = _ELEMENT_RE.match(element)
    if m is None or m.group(2):
        return None
    begin, _, name, attr, end = m.groups()
    slash = _XHTML_SLASH_RE.search(attr)
    xhtml_slash = slash.group(0) if slash else ""
    if xhtml_slash:
        attr = attr[: -len(xhtml_slash)]
    if attr == "":
        pieces: list[str] = []
    elif _HAIR_VALID_RE.match(attr):
        pieces = _HAIR_RE.findall(attr)
    else:
        return None
    return [begin + name, *pieces, xhtml_slash + end]


def _shortcodes_in_html_tags(content: str, ignore_html: bool, pattern: re.Pattern[str],
                             replace: Callable[[re.Match[str]], str]) -> str:
    """``do_shortcodes_in_html_tags()``: run shortcodes in attribute values, encode stray brackets."""
    if "<" not in content:
        return content
    content = content.replace("&#91;", "&#091;").replace("&#93;", "&#093;")
    parts = html_split(content)
    for i in range(1, len(parts), 2):
        element = parts[i]
        has_open, has_close = "[" in element, "]" in element
        if not (has_open and has_close):
            if has_open or has_close:
                parts[i] = element.translate(_BRACKETS)
            continue
        if ignore_html or element.startswith("<!--") or element.startswith("<![CDATA["):
            parts[i] = element.translate(_BRACKETS)
            continue
        attributes = _kses_attr_parse(element)
        if attributes is None:
            if _PLUGIN_TAG_RE.match(element):  # e.g. "[name] <[email]>"
                element = pattern.sub(replace, element)
            parts[i] = element.translate(_BRACKETS)
            continue
        front, *attrs, back = attributes
        for j, attr in enumerate(attrs):
            opening, closing = attr.find("["), attr.find("]")
            if opening == -1 or closing == -1:
                continue
            double, single = attr.find('"'), attr.find("'")
            if (single == -1 or opening < single) and (double == -1 or opening < double):
                attrs[j] = pattern.sub(replace, attr)  # Unquoted: written by an administrator.
            else:
                new_attr, count = pattern.subn(replace, attr)
                if count:
                    new_attr = kses_one_attr(new_attr)
                    if new_attr.strip():
                        attrs[j] = new_attr
        parts[i] = (front + "".join(attrs) + back).translate(_BRACKETS)
    return "".join(parts)


# A reduced wp_kses_one_attr(): WordPress checks the attribute against the whole
# 'post' allow-list for the element; we accept the attributes that list allows on
# most elements and refuse the rest (event handlers, style, unknown names). See PORT.md.
_SAFE_ATTRIBUTES = frozenset({
    "href", "src", "title", "alt", "class", "id", "cite", "datetime", "lang", "dir", "rel",
    "rev", "name", "target", "width", "height", "align", "value", "label", "role", "hreflang",
    "download", "longdesc", "srcset", "sizes", "poster", "action", "xml:lang",
})
_URI_ATTRIBUTES = frozenset({
    "action", "archive", "background", "cite", "classid", "codebase", "data", "formaction",
    "href", "icon", "longdesc", "manifest", "poster", "profile", "src", "usemap", "xmlns",
})
ALLOWED_PROTOCOLS = frozenset({
    "http", "https", "ftp", "ftps", "mailto", "news", "irc", "irc6", "ircs", "gopher", "nntp",
    "feed", "telnet", "mms", "rtsp", "sms", "svn", "tel", "fax", "xmpp", "webcal", "urn",
})
_PROTOCOL_SPLIT_RE = re.compile(r":|&#0*58;|&#x0*3a;", re.I)
_ATTR_EQUALS_RE = re.compile(r"\s*=\s*", _A)
_ENTITY_RE = re.compile(r"&(?!(?:#\d+|#x[0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);)")


def bad_protocol(value: str) -> str:
    """``wp_kses_bad_protocol()``: strip URL schemes WordPress does not allow."""
    for _ in range(6):
        before = value
        pieces = _PROTOCOL_SPLIT_RE.split(value, maxsplit=1)
        if len(pieces) == 2 and "/?" not in pieces[0]:
            scheme = re.sub(r"&#0*58;|&#x0*3a;|\s", "", pieces[0], flags=re.I).lower()
            value = (scheme + ":" if scheme in ALLOWED_PROTOCOLS else "") + pieces[1].strip()
        if value == before:
            break
    return value


def kses_one_attr(attr: str) -> str:
    """A reduced ``wp_kses_one_attr()``: the sanitised attribute, or ``""`` when not allowed."""
    lead = attr[: len(attr) - len(attr.lstrip(" \t\n\r\f\v"))]
    trail = attr[len(attr.rstrip(" \t\n\r\f\v")):]
    attr = attr.strip(" \t\n\r\f\v")
    pieces = _ATTR_EQUALS_RE.split(attr, maxsplit=1)
    name = pieces[0]
    if name.lower() not in _SAFE_ATTRIBUTES and not name.lower().startswith("data-"):
        return ""
    if len(pieces) == 1:
        return lead + name + trail
    value = pieces[1]
    quote = value[:1]
    if quote in ('"', "'"):
        if len(value) < 2 or not value.endswith(quote):
            return ""
        value = value[1:-1]
    else:
        quote = '"'
    value = _ENTITY_RE.sub("&amp;", value)
    value = value.replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;").replace("'", "&#039;")
    if name.lower() in _URI_ATTRIBUTES:
        value = bad_protocol(value)
    return f"{lead}{name}={quote}{value}{quote}{trail}"
