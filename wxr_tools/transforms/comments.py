"""Comment bodies: WordPress's display filters, and e-mail replies' quoted text as block quotes.

A reply sent by e-mail is stored with WordPress's comment filters applied:
the quoted lines arrive as ``&gt; ...`` (often several quote markers run
together on one line once the mail's line breaks are lost). Here runs of
quoted lines become ``<blockquote>`` (nested for ``&gt; &gt;``), the
comment's own text stays where it is, before the quote, and the whole goes
through wpautop as ``comment_text`` does, then to Markdown.
"""

from __future__ import annotations

import re

from .engines import DEFAULT_CONVERTER
from .html_to_markdown import html_to_markdown
from .wpautop import wpautop

_QUOTE_LINE_RE = re.compile(r"^[ \t]*(?:&gt;|>)(?!\S*?<)")
_QUOTE_MARK_RE = re.compile(r"^[ \t]*(?:&gt;|>) ?")
_RUN_TOGETHER_MARK_RE = re.compile(r"[ \t]+(?:&gt;|>)(?=[ \t]|$)")


def _is_quoted(line: str) -> bool:
    return bool(_QUOTE_LINE_RE.match(line))


MAX_QUOTE_DEPTH = 32
"""Block quotes nest this deep at most; further markers stay as text (a comment of 3,000 '>' is spam)."""


def quote_email_replies(text: str, depth: int = 0) -> str:
    """Wrap runs of ``&gt;``-quoted lines in ``<blockquote>``, one level per marker."""
    if depth >= MAX_QUOTE_DEPTH:
        return text
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        if not _is_quoted(lines[i]):
            out.append(lines[i])
            i += 1
            continue
        run: list[str] = []
        while i < len(lines) and (_is_quoted(lines[i]) or (
                not lines[i].strip() and i + 1 < len(lines) and _is_quoted(lines[i + 1]))):
            inner = _QUOTE_MARK_RE.sub("", lines[i], count=1)
            if depth == 0 and not _is_quoted(inner):
                # Quote markers run together once a mail's line breaks were lost: "a &gt; b".
                run.extend(_RUN_TOGETHER_MARK_RE.split(inner))
            else:
                run.append(inner)
            i += 1
        body = quote_email_replies("\n".join(run), depth + 1)
        out.extend(["", "<blockquote>", body.strip("\n"), "</blockquote>", ""])
    return "\n".join(out)


def render_comment(content: str, converter: str = DEFAULT_CONVERTER) -> str:
    """A comment body as stored (WordPress's filters applied) to Markdown; quoted e-mail as block quotes.

    ``converter`` names the HTML-to-Markdown engine, as ``ContentOptions.converter``.
    """
    if not content.strip():
        return ""
    return html_to_markdown(wpautop(quote_email_replies(content)), engine=converter)
